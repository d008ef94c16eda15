package dev.gatehouse.emulator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.client.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The ready line comes before DynamoDB, the tables and the functions (a first call, a sign-in, needs none of them):
 * a call that needs them, made right after it, waits for them and is answered as if they had been there all along.
 */
class EarlyCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void calls_that_need_dynamodb_or_the_functions_wait_for_them_while_a_sign_in_is_answered_at_once(
            @TempDir Path dir) throws Exception {
        String probe = new String(EarlyCallsTest.class.getResourceAsStream("/e2e/gatehouse-probe.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        String held = probe.replace(ProbeHandler.class.getName(), HeldStartHandler.class.getName());
        assertNotEquals(probe, held);
        Path config = dir.resolve("gatehouse.json");
        Files.writeString(config, held);
        // start() returns (the ready line) while the functions' start is held by HeldStartHandler's constructor
        try (Gatehouse gatehouse = Gatehouse.builder().config(config).port(0).start()) {
            try {
                URI base = gatehouse.baseUri();
                // a sign-in needs none of them: answered before they start (they start once it is answered)
                HttpResponse<String> signIn = TestUsers.passwordInitiateAuth(http, gatehouse, TestUsers.ALICE);
                assertEquals(200, signIn.statusCode(), signIn.body());
                assertTrue(JSON.readTree(signIn.body()).path("AuthenticationResult").has("IdToken"), signIn.body());
                assertTrue(HeldStartHandler.CONSTRUCTING.await(2, TimeUnit.MINUTES),
                        "start-up never made the function");
                assertFalse(gatehouse.fullyStarted().toCompletableFuture().isDone(),
                        "the functions were started although their start was held");
                HttpResponse<String> again = TestUsers.passwordInitiateAuth(http, gatehouse, TestUsers.ALICE);
                assertEquals(200, again.statusCode(), "a sign-in while the functions are held: " + again.body());

                String token = gatehouse.adminToken();
                CompletableFuture<HttpResponse<String>> outputs = http.sendAsync(HttpRequest.newBuilder(
                        base.resolve("/_gatehouse/outputs")).header(AdminToken.HEADER, token).build(),
                        HttpResponse.BodyHandlers.ofString());
                CompletableFuture<HttpResponse<String>> tables = http.sendAsync(HttpRequest.newBuilder(
                        base.resolve("/_gatehouse/tables")).header(AdminToken.HEADER, token).build(),
                        HttpResponse.BodyHandlers.ofString());
                CompletableFuture<HttpResponse<String>> function = http.sendAsync(HttpRequest.newBuilder(
                        base.resolve("/probe-open")).build(), HttpResponse.BodyHandlers.ofString());
                CompletableFuture<Outputs> javaOutputs = CompletableFuture.supplyAsync(gatehouse::outputs);
                // held: none of them may be answered yet (not with a part missing, not with an error)
                assertFalse(completesWithin(CompletableFuture.anyOf(outputs, tables, function, javaOutputs),
                        Duration.ofMillis(500)), "answered before the functions were started: outputs "
                        + outputs.getNow(null) + ", tables " + tables.getNow(null) + ", /probe-open "
                        + function.getNow(null) + ", outputs() " + javaOutputs.getNow(null));

                HeldStartHandler.RELEASE.countDown();
                gatehouse.fullyStarted().toCompletableFuture().get(2, TimeUnit.MINUTES);
                String endpoint = javaOutputs.get(1, TimeUnit.MINUTES).dynamoDbEndpoint();
                assertNotNull(endpoint, "Gatehouse.outputs() names no DynamoDbEndpoint");
                HttpResponse<String> o = outputs.get(1, TimeUnit.MINUTES);
                assertEquals(200, o.statusCode(), o.body());
                assertEquals(endpoint, JSON.readTree(o.body()).path("DynamoDbEndpoint").asText(null), o.body());
                HttpResponse<String> t = tables.get(1, TimeUnit.MINUTES);
                assertEquals(200, t.statusCode(), t.body());
                assertTrue(t.body().contains("\"notes\""), "the notes table is not listed: " + t.body());
                HttpResponse<String> f = function.get(1, TimeUnit.MINUTES);
                assertEquals(200, f.statusCode(), f.body());
                assertEquals("held", f.body());
            } finally {
                HeldStartHandler.RELEASE.countDown();
            }
        }
    }

    @Test
    void an_api_call_made_first_right_after_start_is_answered_by_the_function() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.builder().config(probeConfig()).port(0).start()) {
            // no sign-in before it: the call itself has DynamoDB, the tables and the functions started, and waits
            HttpResponse<String> f = http.send(HttpRequest.newBuilder(gatehouse.baseUri().resolve("/probe-open"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, f.statusCode(), f.body());
            assertTrue(gatehouse.fullyStarted().toCompletableFuture().isDone(), "answered before they were ready");
            assertEquals("/probe-open", JSON.readTree(f.body()).path("rawPath").asText(null), f.body());
        }
    }

    @Test
    void outputs_asked_first_right_after_start_name_the_dynamodb_that_answers() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.builder().config(probeConfig()).port(0).start()) {
            String endpoint = gatehouse.outputs().dynamoDbEndpoint();
            assertNotNull(endpoint, "Gatehouse.outputs() names no DynamoDbEndpoint");
            HttpResponse<String> tables = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                    .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request,"
                            + " SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, tables.statusCode(), tables.body());
        }
    }

    private static Path probeConfig() throws Exception {
        return Path.of(EarlyCallsTest.class.getResource("/e2e/gatehouse-probe.json").toURI());
    }

    private static boolean completesWithin(CompletableFuture<?> future, Duration wait) throws Exception {
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException held) {
            return false;
        }
    }
}
