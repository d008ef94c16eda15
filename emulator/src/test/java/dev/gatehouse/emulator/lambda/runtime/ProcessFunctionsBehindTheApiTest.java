package dev.gatehouse.emulator.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignedCall;
import dev.gatehouse.emulator.record.CallRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Node.js functions behind the HTTP API, through the real IAM authorizer: the caller's identity in the event, the
 * execution role's credentials in the environment, and API Gateway's answers for a function that fails, dies or
 * runs past its timeout.
 */
class ProcessFunctionsBehindTheApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private static Gatehouse gatehouse;
    private static Outputs outputs;
    private static SignIn.IdentityCredentials admin;

    @BeforeAll
    static void start() throws IOException {
        Tools.require("node", "install Node.js (apt-get install nodejs)");
        String code = Tools.code("node/esm").toString().replace("\\", "\\\\");
        String fixture = Files.readString(Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"),
                "gatehouse.json"));
        String routes = """
                  "routes": {
                    "GET /whoami": { "runtime": "nodejs20.x", "codeUri": "CODE", "handler": "handlers.api" },
                    "POST /slow": { "runtime": "nodejs20.x", "codeUri": "CODE", "handler": "handlers.apiSignalsThenSleeps",
                                    "timeoutSeconds": 60 },
                    "POST /timeout": { "runtime": "nodejs20.x", "codeUri": "CODE",
                                       "handler": "handlers.apiSignalsThenSleeps", "timeoutSeconds": 5 },
                    "POST /fail": { "runtime": "nodejs22.x", "codeUri": "CODE", "handler": "handlers.fails" }
                  },
                """.replace("CODE", code);
        String json = fixture.substring(0, fixture.indexOf("  \"routes\": {")) + routes
                + fixture.substring(fixture.indexOf("  \"tables\""));
        Path config = dir.resolve("gatehouse.json");
        Files.writeString(config, json);
        gatehouse = Gatehouse.builder().config(config).port(0).start();
        outputs = gatehouse.outputs();
        try (SignIn signIn = new SignIn(outputs, gatehouse.baseUri(), Clock.systemUTC())) {
            admin = signIn.credentials(signIn.password("admin@example.com", "Passw0rd!").idToken());
        }
    }

    @AfterAll
    static void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    private static SignedCall.Response call(String method, String path, String body) throws Exception {
        return SignedCall.send(outputs.region(), admin, method, gatehouse.baseUri(), path, body);
    }

    @Test
    void the_javascript_handler_sees_the_callers_identity_and_runs_with_execution_role_credentials() throws Exception {
        SignedCall.Response r = call("GET", "/whoami", null);
        assertEquals(200, r.status(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(admin.identityId(), body.get("identityId").asText());
        assertTrue(body.get("hasSessionToken").asBoolean());
        assertTrue(body.get("accessKeyId").asText().startsWith("ASIA"), body.toString());
        assertNotEquals(admin.accessKeyId(), body.get("accessKeyId").asText());
    }

    @Test
    void every_line_the_function_logged_before_answering_is_in_its_call_record() throws Exception {
        for (int i = 0; i < 20; i++) { // the output reader and the answer race each other: try it twenty times
            SignedCall.Response r = call("GET", "/whoami", null);
            assertEquals(200, r.status(), r.body());
            String requestId = r.header("apigw-requestid");
            CallRecord record = gatehouse.calls(c -> requestId.equals(c.requestId())).get(0);
            assertEquals(2, record.logs().size(), record.logs().toString());
            assertTrue(record.logs().get(0).matches(
                    "\\S+Z\t[0-9a-f-]{36}\tINFO\twhoami for " + admin.identityId()), record.logs().get(0));
            assertEquals("a partial line", record.logs().get(1), "a line the function left open ends at its answer");
        }
    }

    @Test
    void unsigned_calls_never_reach_the_function() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(gatehouse.baseUri().resolve("/whoami")).GET()
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
    }

    @Test
    void a_function_error_is_answered_as_a_failed_integration() throws Exception {
        SignedCall.Response r = call("POST", "/fail", "{}");
        assertEquals(500, r.status());
        assertEquals("{\"message\":\"Internal Server Error\"}", r.body());
    }

    @Test
    void killing_the_environment_mid_call_fails_the_call_and_the_next_runs_in_a_fresh_environment() throws Exception {
        try (Signals signals = new Signals()) {
            String body = "{\"millis\":60000,\"signalUrl\":\"" + signals.url() + "\"}";
            CompletableFuture<SignedCall.Response> call = Signals.inBackground(() -> send("/slow", body));
            long pid = signals.awaitPid();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            SignedCall.Response killed = call.join();
            assertEquals(500, killed.status());
            assertEquals("{\"message\":\"Internal Server Error\"}", killed.body());

            String quick = "{\"millis\":0,\"signalUrl\":\"" + signals.url() + "\"}";
            CompletableFuture<SignedCall.Response> next = Signals.inBackground(() -> send("/slow", quick));
            assertNotEquals(pid, signals.awaitPid());
            assertEquals(200, next.join().status());
        }
    }

    @Test
    void a_handler_past_its_timeout_is_stopped_and_answered_as_a_timeout() throws Exception {
        SignedCall.Response warm = call("POST", "/timeout", "{\"millis\":0}");
        assertEquals(200, warm.status(), warm.body());
        long pid = JSON.readTree(warm.body()).get("pid").asLong();

        SignedCall.Response r = call("POST", "/timeout", "{\"millis\":60000}");
        assertEquals(503, r.status());
        assertEquals("{\"message\":\"Service Unavailable\"}", r.body());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the process is killed");

        SignedCall.Response next = call("POST", "/timeout", "{\"millis\":0}");
        assertEquals(200, next.status(), next.body());
        assertNotEquals(pid, JSON.readTree(next.body()).get("pid").asLong(), "a fresh environment");
    }

    private static SignedCall.Response send(String path, String body) {
        try {
            return call("POST", path, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
