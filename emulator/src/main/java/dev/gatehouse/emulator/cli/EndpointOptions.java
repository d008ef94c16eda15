package dev.gatehouse.emulator.cli;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;

/** How {@code call} and {@code credentials} reach a running Gatehouse. */
final class EndpointOptions {
    @Option(names = "--endpoint", paramLabel = "URL",
            description = "A running Gatehouse (default: http://127.0.0.1:" + Gatehouse.DEFAULT_PORT + ").")
    URI endpoint = URI.create("http://127.0.0.1:" + Gatehouse.DEFAULT_PORT);

    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration the running Gatehouse uses, for the test users' passwords "
                    + "(default: the packaged fixtures/gatehouse.json).")
    Path config;

    GatehouseConfig config() {
        return config == null ? ConfigLoader.loadDefault() : ConfigLoader.load(config);
    }

    Outputs outputs() {
        try {
            return AdminClient.JSON.treeToValue(new AdminClient(endpoint).get("outputs"), Outputs.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(endpoint + "/_gatehouse/outputs is not a Gatehouse's outputs: "
                    + e.getOriginalMessage());
        }
    }

    /** The password given, or the configured test user's. */
    String passwordFor(String email, String given) {
        if (given != null) {
            return given;
        }
        return config().users().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst()
                .map(GatehouseConfig.User::password)
                .orElseThrow(() -> new IllegalArgumentException(email + " is not a test user of the configuration; "
                        + "pass --password"));
    }
}
