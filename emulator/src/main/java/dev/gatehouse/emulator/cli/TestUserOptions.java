package dev.gatehouse.emulator.cli;

import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where {@code call} and {@code credentials} find a test user's password: the configuration Gatehouse runs with. */
final class TestUserOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "The configuration the running Gatehouse was started with, for the test users' passwords "
                    + "(default: the packaged fixtures/gatehouse.json).")
    Path config;

    GatehouseConfig config() {
        return config == null ? ConfigLoader.loadDefault() : ConfigLoader.load(config);
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
