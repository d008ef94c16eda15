package dev.gatehouse.contracts;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.RunningGatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.template.TemplateLoader;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads which target to use from settings: a JUnit configuration parameter or JVM system property of the name, else
 * the environment variable of the same name in upper case with {@code _} for {@code .}
 * ({@code gatehouse.target} / {@code GATEHOUSE_TARGET}).
 * <ul>
 *   <li>{@code gatehouse.target} unset or {@code in-process}: a Gatehouse in this JVM on port 0, configured by
 *       {@code gatehouse.template} (a SAM or CloudFormation template, with test users from
 *       {@code gatehouse.template.users}), else {@code gatehouse.config} (a file), else the packaged fixtures;</li>
 *   <li>{@code url:http://127.0.0.1:8421}: a running Gatehouse (outputs from {@code /_gatehouse/outputs}, with the
 *       admin token found as the CLI finds it; test users from {@code gatehouse.users}, and the developer's keys for
 *       fresh users from {@code gatehouse.developer.accessKeyId} / {@code .secretAccessKey} when it was started from a
 *       template, as the Maven plugin exports them);</li>
 *   <li>{@code aws}: a deployed stack, from {@code gatehouse.outputs.Region}, {@code .UserPoolId},
 *       {@code .UserPoolClientId}, {@code .IdentityPoolId}, {@code .ApiEndpoint}, with test users in
 *       {@code gatehouse.users=email:password,email:password}.</li>
 * </ul>
 */
public record TargetSettings(String target, Optional<Path> config, Function<String, Optional<String>> lookup) {
    public static final String TARGET = "gatehouse.target";
    public static final String CONFIG = "gatehouse.config";
    public static final String TEMPLATE = "gatehouse.template";
    public static final String TEMPLATE_USERS = "gatehouse.template.users";
    public static final String USERS = "gatehouse.users";
    public static final String OUTPUTS = "gatehouse.outputs.";
    public static final String DEVELOPER_KEY = "gatehouse.developer.accessKeyId";
    public static final String DEVELOPER_SECRET = "gatehouse.developer.secretAccessKey";

    /** @param parameters JUnit configuration parameters (which fall back to system properties) */
    public static TargetSettings from(Function<String, Optional<String>> parameters, Optional<Path> configOverride) {
        Function<String, Optional<String>> lookup = name -> parameters.apply(name)
                .or(() -> Optional.ofNullable(System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'))))
                .filter(v -> !v.isBlank());
        String target = lookup.apply(TARGET).orElse("in-process").trim();
        Optional<Path> config = configOverride.or(() -> lookup.apply(CONFIG).map(Path::of));
        return new TargetSettings(target, config, lookup);
    }

    public Target.Kind kind() {
        if (target.equals("in-process")) {
            return Target.Kind.IN_PROCESS;
        }
        if (target.startsWith("url:")) {
            return Target.Kind.RUNNING_GATEHOUSE;
        }
        if (target.equals("aws")) {
            return Target.Kind.DEPLOYED_STACK;
        }
        throw new IllegalArgumentException(TARGET + " must be in-process, url:http://HOST:PORT or aws, got " + target);
    }

    /** What identifies one target in a JVM: the same key gives the same (shared) target. */
    public String key() {
        return target + "|" + template().map(t -> "template:" + t.toAbsolutePath())
                .orElseGet(() -> config.map(Path::toAbsolutePath).map(Path::toString).orElse("packaged"));
    }

    /** The template to start from, when {@code gatehouse.template} names one (it wins over the configuration). */
    public Optional<Path> template() {
        return lookup.apply(TEMPLATE).map(Path::of);
    }

    /** Starts or reaches the target. */
    public Target open() {
        return switch (kind()) {
            case IN_PROCESS -> Target.inProcess(template().map(t -> Gatehouse.builder().config(TemplateLoader.load(t,
                            Map.of(), lookup.apply(TEMPLATE_USERS).map(Path::of).orElse(null), null).config()))
                    .or(() -> config.map(c -> Gatehouse.builder().config(c)))
                    .orElseGet(Gatehouse::builder).port(0).start());
            case RUNNING_GATEHOUSE -> running(URI.create(target.substring("url:".length()).replaceAll("/+$", "")));
            case DEPLOYED_STACK -> Target.deployed(deployedOutputs(), users().orElseGet(Map::of));
        };
    }

    private Target running(URI baseUri) {
        GatehouseConfig config = this.config.map(ConfigLoader::load).orElseGet(ConfigLoader::loadDefault);
        // Through the admin door, with the token found as the CLI finds it (GATEHOUSE_ADMIN_TOKEN, else
        // ~/.gatehouse/run/<port>.token): the outputs, and the developer's keys (random unless configured).
        Outputs outputs = RunningGatehouse.outputs(baseUri);
        GatehouseConfig.Developer developer = RunningGatehouse.developer(baseUri);
        GatehouseConfig withUsers = users().map(u -> withUsers(config, u)).orElse(config);
        Optional<String> key = lookup.apply(DEVELOPER_KEY);
        Optional<String> secret = lookup.apply(DEVELOPER_SECRET);
        if (key.isPresent() && secret.isPresent()) {
            developer = new GatehouseConfig.Developer(developer.userName(), developer.iamUserId(), key.get(),
                    secret.get());
        }
        return Target.runningAt(baseUri, outputs, withDeveloper(withUsers, developer));
    }

    private static GatehouseConfig withDeveloper(GatehouseConfig c, GatehouseConfig.Developer developer) {
        return new GatehouseConfig(c.source(), c.region(), c.accountId(), c.api(), c.functionDefaults(), c.routes(),
                c.tables(), c.userPool(), c.identityPool(), developer, c.users(), c.outputs());
    }

    private Outputs deployedOutputs() {
        return new Outputs(output("Region"), output("UserPoolId"), output("UserPoolClientId"),
                output("IdentityPoolId"), output("ApiEndpoint"));
    }

    private String output(String name) {
        return lookup.apply(OUTPUTS + name).orElseThrow(() -> new IllegalStateException(
                TARGET + "=aws needs the stack output " + OUTPUTS + name + " (or the environment variable "
                        + (OUTPUTS + name).toUpperCase(Locale.ROOT).replace('.', '_') + ")"));
    }

    private Optional<Map<String, String>> users() {
        return lookup.apply(USERS).map(text -> {
            Map<String, String> users = new LinkedHashMap<>();
            for (String pair : text.split(",")) {
                int colon = pair.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException(USERS + " must be email:password,email:password");
                }
                users.put(pair.substring(0, colon).trim(), pair.substring(colon + 1));
            }
            return users;
        });
    }

    private static GatehouseConfig withUsers(GatehouseConfig c, Map<String, String> users) {
        return new GatehouseConfig(c.source(), c.region(), c.accountId(), c.api(), c.functionDefaults(), c.routes(),
                c.tables(), c.userPool(), c.identityPool(), c.developer(), users.entrySet().stream()
                .map(e -> new GatehouseConfig.User(e.getKey(), e.getValue(), null)).toList());
    }
}
