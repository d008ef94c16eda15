package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

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
        URI uri = endpoint.resolve("/_gatehouse/outputs");
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode() + ": is this a Gatehouse?");
            }
            return new ObjectMapper().readValue(r.body(), Outputs.class);
        } catch (ConnectException e) {
            throw new IllegalStateException("no Gatehouse answers at " + endpoint
                    + " (start one with ./gatehouse start, or pass --endpoint URL)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
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
