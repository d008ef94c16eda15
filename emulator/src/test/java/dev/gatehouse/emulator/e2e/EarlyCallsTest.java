package dev.gatehouse.emulator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.AdminToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The server listens while start-up finishes (DynamoDB, tables, users, functions); a client that polls for the port
 * and calls at once is answered as after the ready line: its call waits for start-up, never answered with a part
 * missing (the outputs without {@code DynamoDbEndpoint}, a fixture user not yet there).
 */
class EarlyCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void calls_made_while_start_up_finishes_wait_and_are_answered_complete(@TempDir Path dir) throws Exception {
        String probe = new String(EarlyCallsTest.class.getResourceAsStream("/e2e/gatehouse-probe.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        String held = probe.replace(ProbeHandler.class.getName(), HeldStartHandler.class.getName());
        assertNotEquals(probe, held);
        Path config = dir.resolve("gatehouse.json");
        Files.writeString(config, held);
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        CompletableFuture<Gatehouse> starting = CompletableFuture.supplyAsync(() -> Gatehouse.builder()
                .config(config).port(port).start());
        try {
            // held at the functions step (DynamoDB Local is up, its endpoint not yet handed over): the server
            // listens, health answers and the admin token is written
            assertTrue(HeldStartHandler.CONSTRUCTING.await(2, TimeUnit.MINUTES), "start-up never made the function");
            String token = awaitListening(base, starting);

            CompletableFuture<HttpResponse<String>> outputs = http.sendAsync(HttpRequest.newBuilder(
                    base.resolve("/_gatehouse/outputs")).header(AdminToken.HEADER, token).build(),
                    HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> signIn = http.sendAsync(HttpRequest.newBuilder(base)
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"AuthFlow\":\"USER_PASSWORD_AUTH\","
                            + "\"ClientId\":\"4gatehouse1notes2client3id\",\"AuthParameters\":{\"USERNAME\":"
                            + "\"alice@example.com\",\"PASSWORD\":\"Passw0rd!alice\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // start-up is not finished: neither call may be answered yet
            assertFalse(completesWithin(outputs, Duration.ofMillis(500)),
                    "the outputs were answered before start-up finished: " + outputs.getNow(null));
            assertFalse(signIn.isDone(), "a sign-in was answered before start-up finished");

            HeldStartHandler.RELEASE.countDown();
            Gatehouse gatehouse = starting.get(2, TimeUnit.MINUTES);
            HttpResponse<String> o = outputs.get(1, TimeUnit.MINUTES);
            assertEquals(200, o.statusCode(), o.body());
            assertEquals(gatehouse.outputs().dynamoDbEndpoint(),
                    JSON.readTree(o.body()).path("DynamoDbEndpoint").asText(null), o.body());
            HttpResponse<String> s = signIn.get(1, TimeUnit.MINUTES);
            assertEquals(200, s.statusCode(), s.body());
            assertTrue(JSON.readTree(s.body()).path("AuthenticationResult").has("IdToken"), s.body());
        } finally {
            HeldStartHandler.RELEASE.countDown();
            Gatehouse started = starting.handle((g, e) -> g).join();
            if (started != null) {
                started.close();
            }
        }
    }

    /** Polls health (answered at once, even during start-up) until it answers, then reads the admin token file. */
    private String awaitListening(URI base, CompletableFuture<Gatehouse> starting) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (starting.isDone()) {
                throw new AssertionError("start-up finished while DynamoDB was held: " + starting.handle(
                        (g, e) -> e == null ? "started" : e.toString()).join());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/_gatehouse/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                Optional<String> token = AdminToken.find(base);
                if (health.statusCode() == 200 && token.isPresent()) {
                    return token.get();
                }
            } catch (IOException notListeningYet) {
                // the port is not open yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // poll interval
        }
        throw new AssertionError("Gatehouse did not listen within 2 minutes");
    }

    private static boolean completesWithin(CompletableFuture<?> future, Duration wait) throws Exception {
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException held) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
