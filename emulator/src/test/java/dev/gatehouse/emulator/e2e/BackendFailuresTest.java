package dev.gatehouse.emulator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.hardening.GatehouseProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * DynamoDB, the tables and the functions start after the ready line: when they cannot, the failure is loud (an error in
 * the log, {@link Gatehouse#fullyStarted()} failed, {@code ./gatehouse start} exits 1), and every call that needs them
 * is answered at once with the reason (503, {@code X-Gatehouse-Reason}) instead of hanging, while the user pool goes on.
 */
class BackendFailuresTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void dynamodb_local_that_cannot_start_after_the_ready_line_is_named_to_every_call_that_needs_it(
            @TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("dynamodb"), "a file where DynamoDB Local's directory goes");
        try (Gatehouse gatehouse = Gatehouse.builder().port(0).dataDir(dataDir).start()) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> gatehouse.fullyStarted().toCompletableFuture().get(2, TimeUnit.MINUTES));
            String why = "DynamoDB Local could not start with data directory " + dataDir.resolve("dynamodb");
            assertTrue(failed.getCause().getMessage().startsWith(why), failed.getCause().getMessage());

            URI base = gatehouse.baseUri();
            HttpResponse<String> signIn = TestUsers.passwordInitiateAuth(http, gatehouse, TestUsers.ALICE);
            assertEquals(200, signIn.statusCode(), "the user pool needs no DynamoDB: " + signIn.body());

            for (String path : new String[] {"/notes", "/_gatehouse/outputs", "/_gatehouse/tables"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header(AdminToken.HEADER, gatehouse.adminToken()).timeout(Duration.ofMinutes(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, r.statusCode(), path + ": " + r.body());
                String reason = r.headers().firstValue("X-Gatehouse-Reason").orElse("");
                assertTrue(reason.startsWith("NOT_STARTED: DynamoDB, the tables or the functions could not start: "
                        + why), path + ": X-Gatehouse-Reason " + reason);
                assertTrue(r.body().contains(why), path + ": " + r.body());
            }
            IllegalStateException outputs = assertThrows(IllegalStateException.class, gatehouse::outputs);
            assertTrue(outputs.getMessage().contains(why), outputs.getMessage());
        }
    }

    @Test
    void gatehouse_start_exits_1_when_its_tables_cannot_be_created_after_the_ready_line(@TempDir Path dir)
            throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort(); // nothing listens there once this is closed
        }
        String endpoint = "http://127.0.0.1:" + closed;
        try (GatehouseProcess gatehouse = GatehouseProcess.run(dir.resolve("logs"), "start", "--port", "0",
                "--dynamodb-endpoint", endpoint)) {
            gatehouse.awaitReady(Duration.ofMinutes(2));
            assertEquals(1, gatehouse.awaitExit(Duration.ofMinutes(2)), gatehouse.output());
            String output = gatehouse.output();
            assertTrue(output.contains("Gatehouse: DynamoDB, the tables or the functions could not start: the tables "
                    + "could not be created in the DynamoDB at " + endpoint), output);
            assertTrue(output.contains("ERROR"), "not logged as an error:\n" + output);
        }
    }
}
