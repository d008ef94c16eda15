package dev.gatehouse.emulator.cli;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import picocli.CommandLine.Option;

import java.net.URI;

/** How a command reaches a running Gatehouse. */
final class EndpointOptions {
    /** Where a command looks for Gatehouse when not told: this variable's URL, else the default port. */
    static final String ENDPOINT_VARIABLE = "GATEHOUSE_ENDPOINT";

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "A running Gatehouse (default: $" + ENDPOINT_VARIABLE + " if set, else http://127.0.0.1:"
                    + Gatehouse.DEFAULT_PORT + ").")
    URI endpoint = defaultEndpoint();

    private static URI defaultEndpoint() {
        String fromEnvironment = System.getenv(ENDPOINT_VARIABLE);
        return URI.create(fromEnvironment == null || fromEnvironment.isBlank()
                ? "http://127.0.0.1:" + Gatehouse.DEFAULT_PORT : fromEnvironment.trim());
    }

    Outputs outputs() {
        try {
            return AdminClient.JSON.treeToValue(new AdminClient(endpoint).get("outputs"), Outputs.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(endpoint + "/_gatehouse/outputs is not a Gatehouse's outputs: "
                    + e.getOriginalMessage());
        }
    }
}
