package dev.gatehouse.emulator.cli;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.cognito.userpool.KeyPool;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.template.StackTemplate;
import dev.gatehouse.emulator.template.TemplateLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code ./gatehouse start}: runs Gatehouse until Ctrl-C or SIGTERM. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Starts Gatehouse on 127.0.0.1 and prints 'Gatehouse ready at http://127.0.0.1:PORT' when "
                + "every endpoint answers, then the stack outputs and the test users.")
final class StartCommand implements Callable<Integer> {
    private static final java.util.Set<String> STANDARD_OUTPUTS = java.util.Set.of("Region", "UserPoolId",
            "UserPoolClientId", "IdentityPoolId", "ApiEndpoint", "DynamoDbEndpoint");

    @Option(names = "--port", paramLabel = "N", description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = Gatehouse.DEFAULT_PORT;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration (default: the packaged fixtures/gatehouse.json).")
    Path config;

    @Option(names = "--template", paramLabel = "FILE",
            description = "A SAM or CloudFormation template (YAML or JSON) instead of a configuration.")
    Path template;

    @Option(names = "--parameter-overrides", paramLabel = "KEY=VALUE", arity = "1..*",
            description = "Values of the template's Parameters (as sam deploy takes them).")
    List<String> parameterOverrides = List.of();

    @Option(names = "--users", paramLabel = "FILE",
            description = "Test users: a JSON array shaped like the configuration's users "
                    + "[{\"email\", \"password\", \"sub\"}].")
    Path users;

    @Option(names = "--imports", paramLabel = "FILE",
            description = "Values for the template's Fn::ImportValue: a JSON object of export name to value.")
    Path imports;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep notes, users, identities, credentials and keys here across restarts "
                    + "(default: everything in memory).")
    Path dataDir;

    @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
            description = "Use this DynamoDB instead of starting DynamoDB Local.")
    URI dynamoDbEndpoint;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "The address to listen on (default: "
            + "${DEFAULT-VALUE}). Anything but loopback puts the API, Cognito and the token-guarded admin "
            + "endpoints on the network: read the README's Security model first.")
    String host = "127.0.0.1";

    @Option(names = "--key-pool", paramLabel = "DIR", description = "Take the user pool's two new signing keys from "
            + "keys made ahead in DIR, each used by one run only, refilled after the ready line (default: "
            + "~/.gatehouse/keys; the README's Security model).")
    Path keyPool;

    @Option(names = "--no-key-pool", description = "Generate the user pool's signing keys at start instead.")
    boolean noKeyPool;

    @Option(names = "--stop-when-ready", hidden = true,
            description = "Start, print the ready line and the banner, sign the first test user in once "
                    + "(USER_PASSWORD_AUTH), wait for DynamoDB, the tables and the functions, then stop (a smoke "
                    + "test; the launcher's class-data training run).")
    boolean stopWhenReady;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, got " + port);
        }
        if (noKeyPool && keyPool != null) {
            throw new IllegalArgumentException("--key-pool and --no-key-pool exclude each other");
        }
        GatehouseConfig cfg = configuration();
        Gatehouse gatehouse = Gatehouse.builder().config(cfg).port(port).host(host).dataDir(dataDir)
                .dynamoDbEndpoint(dynamoDbEndpoint)
                .keyPool(noKeyPool ? null : new KeyPool(keyPool != null ? keyPool : KeyPool.defaultDirectory(),
                        KeyPool.DEFAULT_SIZE)).start();
        if (stopWhenReady) {
            banner(cfg, gatehouse);
            // the launcher's class-data training: a first sign-in's classes too, then DynamoDB's, the tables' and the
            // functions' (which that sign-in's answer starts)
            TrainingCalls.firstSignIn(gatehouse.baseUri(), cfg);
            String failure = failureOf(gatehouse);
            gatehouse.close();
            if (failure != null) {
                System.err.println("Gatehouse: " + failure);
                return 1;
            }
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<String> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gatehouse.close();
            stopped.countDown();
        }, "gatehouse-shutdown"));
        // DynamoDB, the tables and the functions start after the ready line: if they cannot, the API cannot work,
        // so the process stops with exit status 1 (as a start that fails before its ready line does)
        gatehouse.fullyStarted().whenComplete((ok, e) -> {
            if (e != null) {
                failed.set(failureOf(gatehouse));
                stopped.countDown();
            }
        });
        banner(cfg, gatehouse);
        System.out.println("Stop with Ctrl-C.");
        System.out.flush();
        stopped.await();
        if (failed.get() != null) {
            System.err.println("Gatehouse: " + failed.get() + "; stopping");
            gatehouse.close();
            return 1;
        }
        return 0;
    }

    /** The ready line, then what a developer needs: the console, the outputs, the test users, what to try. */
    private void banner(GatehouseConfig cfg, Gatehouse gatehouse) {
        System.out.println("Gatehouse ready at " + gatehouse.baseUri());
        // not gatehouse.outputs(), which waits for DynamoDB's endpoint: the banner does not print it
        Outputs o = Outputs.of(cfg, gatehouse.baseUri(), null);
        System.out.println();
        System.out.println("Console: " + gatehouse.consoleUri());
        System.out.println("  (the admin token in this URL guards /_gatehouse/*; ./gatehouse commands read it from "
                + dev.gatehouse.emulator.client.AdminToken.fileFor(gatehouse.port()) + ")");
        System.out.println();
        System.out.println("Outputs (GET " + gatehouse.baseUri() + "/_gatehouse/outputs with the token):");
        System.out.printf("  %-17s %s%n", "Region", o.region());
        System.out.printf("  %-17s %s%n", "UserPoolId", o.userPoolId());
        System.out.printf("  %-17s %s%n", "UserPoolClientId", o.userPoolClientId());
        System.out.printf("  %-17s %s%n", "IdentityPoolId", o.identityPoolId());
        System.out.printf("  %-17s %s%n", "ApiEndpoint", o.apiEndpoint());
        dev.gatehouse.emulator.client.StackOutputs.of(cfg, gatehouse.baseUri(), null).forEach((name, value) -> {
            if (cfg.outputs().containsKey(name) && !STANDARD_OUTPUTS.contains(name)) {
                System.out.printf("  %-17s %s%n", name, value);
            }
        });
        System.out.println();
        System.out.println("Test users (email, password, identity id):");
        for (GatehouseConfig.User u : cfg.users()) {
            System.out.printf("  %-22s %-18s %s%n", u.email(), u.password(), gatehouse.identityIdOf(u.email()));
        }
        System.out.println();
        tryLines(cfg, o.region(), o.apiEndpoint()).forEach(System.out::println);
        if (template != null) {
            System.out.println();
        }
    }

    /** Null once DynamoDB, the tables and the functions are started (waits for them); else why they are not. */
    private static String failureOf(Gatehouse gatehouse) {
        try {
            gatehouse.fullyStarted().toCompletableFuture().join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "DynamoDB, the tables or the functions could not start: " + cause.getMessage();
        }
    }

    /** The configuration from --config, --template or the packaged default; --users replaces its users. */
    private GatehouseConfig configuration() {
        if (template != null && config != null) {
            throw new IllegalArgumentException("give --config or --template, not both");
        }
        if (template == null && !parameterOverrides.isEmpty()) {
            throw new IllegalArgumentException("--parameter-overrides needs --template");
        }
        if (template == null && imports != null) {
            throw new IllegalArgumentException("--imports needs --template");
        }
        if (template != null) {
            StackTemplate stack = TemplateLoader.load(template, overrides(), users, imports);
            if (!stack.notEmulated().isEmpty()) {
                System.err.println("Gatehouse: " + stack.warning());
            }
            return stack.config();
        }
        GatehouseConfig cfg = config == null ? ConfigLoader.loadDefault() : ConfigLoader.load(config);
        if (users != null) {
            List<GatehouseConfig.User> list = ConfigLoader.loadUsers(users);
            cfg = new GatehouseConfig(cfg.source(), cfg.region(), cfg.accountId(), cfg.api(), cfg.functionDefaults(),
                    cfg.routes(), cfg.tables(), cfg.userPool(), cfg.identityPool(), cfg.developer(), list,
                    cfg.outputs());
        }
        return cfg;
    }

    private Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : parameterOverrides) {
            for (String one : pair.trim().split("\\s+(?=[A-Za-z0-9]+=)")) {
                int eq = one.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--parameter-overrides takes KEY=VALUE, got \"" + one + "\"");
                }
                String key = one.substring(0, eq);
                if (key.startsWith("ParameterKey")) {
                    throw new IllegalArgumentException("--parameter-overrides takes KEY=VALUE, got \"" + one + "\"");
                }
                out.put(key, one.substring(eq + 1));
            }
        }
        return out;
    }

    /**
     * The banner's "Try:" lines: credentials of the first test user, then a signed curl of the first GET route without
     * path parameters (none when the API has no such route); without test users, how to get one.
     */
    static List<String> tryLines(GatehouseConfig cfg, String region, String apiEndpoint) {
        if (cfg.users().isEmpty()) {
            return List.of("Try:  no test users: pass --users FILE, or sign one up through the user pool "
                    + "(README: Test users)");
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add("Try:  eval \"$(./gatehouse credentials " + cfg.users().get(0).email() + ")\"");
        cfg.routes().stream().map(GatehouseConfig.Route::routeKey)
                .filter(k -> k.startsWith("GET /") && !k.contains("{"))
                .findFirst()
                .ifPresent(k -> lines.add("      curl -s --aws-sigv4 \"aws:amz:" + region + ":execute-api\" --user "
                        + "\"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" "
                        + "-H \"x-amz-security-token: $AWS_SESSION_TOKEN\" "
                        + apiEndpoint + k.substring("GET ".length())));
        return lines;
    }
}
