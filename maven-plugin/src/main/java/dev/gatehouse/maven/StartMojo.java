package dev.gatehouse.maven;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.config.ConfigException;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.template.StackTemplate;
import dev.gatehouse.emulator.template.TemplateLoader;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Starts Gatehouse on 127.0.0.1 for the integration tests, from a SAM/CloudFormation template or a configuration,
 * and exports where it is as project properties (for Failsafe's {@code systemPropertyVariables}) and as a properties
 * file: {@code gatehouse.url}, {@code gatehouse.port}, {@code gatehouse.adminToken} (for {@code /_gatehouse/*}; the
 * contracts read it from the environment variable {@code GATEHOUSE_ADMIN_TOKEN}),
 * {@code gatehouse.outputs.<Name>} for every stack output,
 * {@code gatehouse.users} ({@code email:password,...}), {@code gatehouse.developer.accessKeyId} and
 * {@code gatehouse.developer.secretAccessKey}.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractMojo {
    static final String INSTANCE = "dev.gatehouse.maven.instance";

    /** A SAM or CloudFormation template (YAML or JSON). */
    @Parameter(property = "gatehouse.template")
    File template;

    /** A Gatehouse JSON configuration (when no template is given; default: the packaged notes stack). */
    @Parameter(property = "gatehouse.config")
    File config;

    /** Values of the template's Parameters. */
    @Parameter
    Map<String, String> parameterOverrides = Map.of();

    /** Test users: a JSON array shaped like the configuration's users. */
    @Parameter(property = "gatehouse.usersFile")
    File users;

    /** Values for the template's Fn::ImportValue: a JSON object of export name to value. */
    @Parameter(property = "gatehouse.imports")
    File imports;

    /** The port; 0 picks a free one. */
    @Parameter(property = "gatehouse.port", defaultValue = "0")
    int port;

    /** Keep state here across runs (default: everything in memory). */
    @Parameter(property = "gatehouse.dataDir")
    File dataDir;

    /** Where the exported properties are also written (owner-only: it holds the developer's local keys). */
    @Parameter(property = "gatehouse.propertiesFile", defaultValue = "${project.build.directory}/gatehouse.properties")
    File propertiesFile;

    /** Skip starting (e.g. with -DskipITs). */
    @Parameter(property = "skipITs", defaultValue = "false")
    boolean skip;

    /** No tests, no Gatehouse: -DskipTests skips it too. */
    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests) {
            getLog().info("Gatehouse: skipped");
            return;
        }
        GatehouseConfig cfg = configuration();
        Gatehouse gatehouse;
        try {
            gatehouse = Gatehouse.builder().config(cfg).port(port).dataDir(dataDir == null ? null : dataDir.toPath())
                    .start();
        } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
            throw new MojoFailureException("Gatehouse did not start: " + e.getMessage(), e);
        }
        getPluginContext().put(INSTANCE, gatehouse);
        Map<String, String> exported = exported(gatehouse, cfg);
        exported.forEach(project.getProperties()::setProperty);
        write(exported);
        getLog().info("Gatehouse ready at " + gatehouse.baseUri() + " (properties in " + propertiesFile + ")");
    }

    private GatehouseConfig configuration() throws MojoFailureException {
        try {
            if (template != null && config != null) {
                throw new MojoFailureException("give <template> or <config>, not both");
            }
            if (template != null) {
                StackTemplate stack = TemplateLoader.load(template.toPath(), parameterOverrides,
                        users == null ? null : users.toPath(), imports == null ? null : imports.toPath());
                if (!stack.notEmulated().isEmpty()) {
                    getLog().warn("Gatehouse: " + stack.warning());
                }
                return stack.config();
            }
            GatehouseConfig cfg = config == null ? ConfigLoader.loadDefault() : ConfigLoader.load(config.toPath());
            if (users != null) {
                cfg = new GatehouseConfig(cfg.source(), cfg.region(), cfg.accountId(), cfg.api(),
                        cfg.functionDefaults(), cfg.routes(), cfg.tables(), cfg.userPool(), cfg.identityPool(),
                        cfg.developer(), ConfigLoader.loadUsers(users.toPath()), cfg.outputs());
            }
            return cfg;
        } catch (ConfigException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    static Map<String, String> exported(Gatehouse gatehouse, GatehouseConfig cfg) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("gatehouse.url", gatehouse.baseUri().toString());
        out.put("gatehouse.port", Integer.toString(gatehouse.port()));
        out.put("gatehouse.adminToken", gatehouse.adminToken());
        gatehouse.stackOutputs().forEach((name, value) -> out.put("gatehouse.outputs." + name, value));
        out.put("gatehouse.users", cfg.users().stream().map(u -> u.email() + ":" + u.password())
                .collect(Collectors.joining(",")));
        // the running instance's keys: the configured ones, else random per data directory (or per start)
        GatehouseConfig.Developer developer = gatehouse.developerCredentials();
        out.put("gatehouse.developer.accessKeyId", developer.accessKeyId());
        out.put("gatehouse.developer.secretAccessKey", developer.secretAccessKey());
        return out;
    }

    private void write(Map<String, String> exported) throws MojoExecutionException {
        Path file = propertiesFile.toPath();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Properties properties = new Properties();
            exported.forEach(properties::setProperty);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(w, "Gatehouse started by gatehouse-maven-plugin; stopped by its stop goal");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

}
