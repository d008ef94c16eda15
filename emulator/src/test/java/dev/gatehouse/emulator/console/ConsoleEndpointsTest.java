package dev.gatehouse.emulator.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.scenarios.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code /_gatehouse/*} JSON endpoints the console (and the CLI) read, over real HTTP: the live stream of calls,
 * explain's text, users with identities and credentials, fresh credentials, tables and items, function log lines, and
 * the console's own files.
 */
class ConsoleEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Gatehouse gatehouse;

    @BeforeAll
    static void start() throws Exception {
        Path file = Path.of(ConsoleEndpointsTest.class.getResource("/console/gatehouse-console.json").toURI());
        gatehouse = Gatehouse.builder().config(file).port(0).start();
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    private static String api(String path) {
        return gatehouse.outputs().apiEndpoint() + path;
    }

    private static JsonNode admin(String method, String path, String body, int expectedStatus) throws Exception {
        Wire.Response r = Wire.admin(gatehouse, method, path, body);
        assertEquals(expectedStatus, r.status(), r.body());
        return JSON.readTree(r.body());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static SignIn.IdentityCredentials alice() {
        return Wire.credentials(gatehouse, "alice@example.com", "Passw0rd!alice");
    }

    @Test
    void new_calls_arrive_on_the_stream_as_server_sent_events() throws Exception {
        JsonNode before = admin("GET", "requests?limit=1", null, 200);
        long since = before.isEmpty() ? 0 : before.get(0).path("sequence").asLong();
        HttpRequest open = HttpRequest.newBuilder(URI.create(gatehouse.baseUri() + "/_gatehouse/requests/stream?since="
                + since)).header("Accept", "text/event-stream").header("X-Gatehouse-Token", gatehouse.adminToken())
                .build();
        HttpResponse<Stream<String>> stream = HTTP.send(open, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Wire.Response unsigned = Wire.send("GET", api("/notes?from=stream-test"), Map.of(), new byte[0]);
        assertEquals(403, unsigned.status());
        CompletableFuture<JsonNode> seen = CompletableFuture.supplyAsync(() -> stream.body()
                .filter(line -> line.startsWith("data: "))
                .map(line -> {
                    try {
                        return JSON.readTree(line.substring("data: ".length()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(r -> unsigned.requestId().equals(r.path("requestId").asText()))
                .findFirst().orElseThrow());
        JsonNode record = seen.get(30, TimeUnit.SECONDS);
        stream.body().close();
        assertEquals("refused", record.path("verdict").asText());
        assertEquals("MISSING_AUTHENTICATION", record.path("reason").asText());
        assertEquals("GET /notes", record.path("operation").asText());
    }

    @Test
    void new_calls_arrive_on_a_websocket_to_the_same_path() throws Exception {
        JsonNode before = admin("GET", "requests?limit=1", null, 200);
        long since = before.isEmpty() ? 0 : before.get(0).path("sequence").asLong();
        java.util.concurrent.LinkedBlockingQueue<String> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket socket = HTTP.newWebSocketBuilder()
                .header("X-Gatehouse-Token", gatehouse.adminToken()).buildAsync(URI.create(gatehouse.baseUri()
                .toString().replace("http:", "ws:") + "/_gatehouse/requests/stream?since=" + since),
                new java.net.http.WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws,
                                                                          CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            messages.add(text.toString());
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        try {
            Wire.Response unsigned = Wire.send("GET", api("/notes?from=websocket-test"), Map.of(), new byte[0]);
            JsonNode record;
            do {
                String message = messages.poll(30, TimeUnit.SECONDS);
                assertNotNull(message, "no call arrived on the WebSocket within 30 s");
                record = JSON.readTree(message);
            } while (!unsigned.requestId().equals(record.path("requestId").asText()));
            assertEquals(403, record.path("status").asInt());
            assertEquals("/notes", record.path("path").asText());
        } finally {
            socket.abort();
        }
    }

    @Test
    void the_stream_needs_the_admin_token_like_every_admin_endpoint() throws Exception {
        HttpResponse<String> events = HTTP.send(HttpRequest.newBuilder(URI.create(gatehouse.baseUri()
                + "/_gatehouse/requests/stream")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, events.statusCode());
        CompletableFuture<java.net.http.WebSocket> upgrade = HTTP.newWebSocketBuilder().buildAsync(URI.create(
                gatehouse.baseUri().toString().replace("http:", "ws:") + "/_gatehouse/requests/stream"),
                new java.net.http.WebSocket.Listener() { });
        java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> upgrade.get(30, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, refused.toString());
        assertEquals(401, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }

    @Test
    void explain_gives_the_refused_calls_cause_in_plain_words() throws Exception {
        Wire.Response unsigned = Wire.send("GET", api("/notes"), Map.of(), new byte[0]);
        String text = admin("GET", "requests/" + encode(unsigned.requestId()) + "/explain", null, 200)
                .path("text").asText();
        assertTrue(text.contains("Most likely cause:"), text);
        assertTrue(text.contains("the request is not signed"), text);
        assertTrue(text.contains("MISSING_AUTHENTICATION"), text);
        admin("GET", "requests/no-such-call/explain", null, 404);
    }

    @Test
    void explain_shows_what_gatehouse_expected_for_a_signature_mismatch() throws Exception {
        Wire.Response r = Wire.unsortedQuery(alice(), gatehouse.outputs().apiEndpoint(), "/notes",
                java.util.List.of(new String[] {"b", "1"}, new String[] {"a", "2"}));
        assertEquals(403, r.status());
        JsonNode record = admin("GET", "requests/" + encode(r.requestId()), null, 200);
        assertEquals("SIGNATURE_MISMATCH", record.path("reason").asText());
        String text = admin("GET", "requests/" + encode(r.requestId()) + "/explain", null, 200).path("text").asText();
        assertTrue(text.contains("query string parameters were not sorted when signing"), text);
        assertTrue(text.contains("The CanonicalRequest Gatehouse expected:\n  GET\n  /notes\n  a=2&b=1"), text);
        assertTrue(text.contains("The CanonicalRequest the client signed (its signature matches this one):\n  GET\n"
                + "  /notes\n  b=1&a=2"), text);
        assertTrue(record.path("diagnostics").path("clientSignatureMatches").asBoolean(), record.toString());
    }

    @Test
    void requests_filter_by_text_and_keep_the_last_ones_with_limit() throws Exception {
        Wire.send("GET", api("/notes?marker=needle-one"), Map.of(), new byte[0]);
        Wire.Response second = Wire.send("GET", api("/probe/needle-two"), Map.of(), new byte[0]);
        JsonNode found = admin("GET", "requests?text=NEEDLE-TWO", null, 200);
        assertEquals(1, found.size(), found.toString());
        assertEquals(second.requestId(), found.get(0).path("requestId").asText());
        JsonNode last = admin("GET", "requests?limit=1", null, 200);
        assertEquals(1, last.size());
        admin("GET", "requests?limit=many", null, 400);
    }

    @Test
    void users_show_identity_last_sign_in_and_credentials() throws Exception {
        SignIn.IdentityCredentials alice = alice();
        JsonNode users = admin("GET", "users", null, 200);
        JsonNode a = find(users, "email", "alice@example.com");
        assertEquals(gatehouse.identityIdOf("alice@example.com"), a.path("identityId").asText());
        assertEquals(alice.identityId(), a.path("identityId").asText());
        assertEquals("1b6d2e83-5c8f-4e2b-8d4f-1b2c3d4e5f60", a.path("sub").asText());
        assertEquals("CONFIRMED", a.path("status").asText());
        assertTrue(a.path("enabled").asBoolean());
        assertTrue(a.hasNonNull("lastSignIn"), a.toString());
        JsonNode issued = find(a.path("credentials"), "accessKeyId", alice.accessKeyId());
        assertFalse(issued.path("expired").asBoolean());
        assertTrue(issued.hasNonNull("expiration") && issued.hasNonNull("issuedAt"), issued.toString());
        assertFalse(users.toString().contains(alice.secretAccessKey()));
        assertFalse(users.toString().contains(alice.sessionToken()));

        admin("POST", "users/" + encode("alice@example.com") + "/expire-credentials", "{}", 200);
        JsonNode after = find(find(admin("GET", "users", null, 200), "email", "alice@example.com")
                .path("credentials"), "accessKeyId", alice.accessKeyId());
        assertTrue(after.path("expired").asBoolean(), after.toString());
    }

    @Test
    void fresh_credentials_sign_a_call_and_a_disabled_user_gets_none() throws Exception {
        JsonNode fresh = admin("POST", "users/" + encode("carol@example.com") + "/credentials", "{}", 200);
        String export = fresh.path("export").asText();
        assertTrue(export.startsWith("export AWS_ACCESS_KEY_ID=" + fresh.path("accessKeyId").asText()
                + " AWS_SECRET_ACCESS_KEY="), export);
        Map<String, String> vars = new java.util.HashMap<>();
        for (String part : export.substring("export ".length()).split(" ")) {
            vars.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
        }
        SignIn.IdentityCredentials carol = new SignIn.IdentityCredentials(fresh.path("identityId").asText(),
                vars.get("AWS_ACCESS_KEY_ID"), vars.get("AWS_SECRET_ACCESS_KEY"), vars.get("AWS_SESSION_TOKEN"),
                java.time.Instant.parse(fresh.path("expiration").asText()));
        Wire.Response call = Wire.sdk(carol, new Wire.Signing(), "GET", api("/notes"), null);
        assertEquals(200, call.status(), call.body());
        assertEquals(gatehouse.identityIdOf("carol@example.com"), fresh.path("identityId").asText());

        admin("POST", "users/" + encode("bob@example.com") + "/disable", "{}", 200);
        try {
            JsonNode refused = admin("POST", "users/" + encode("bob@example.com") + "/credentials", "{}", 409);
            assertTrue(refused.path("message").asText().contains("disabled"), refused.toString());
        } finally {
            admin("POST", "users/" + encode("bob@example.com") + "/enable", "{}", 200);
        }
        admin("POST", "users/" + encode("nobody@example.com") + "/credentials", "{}", 400);
    }

    @Test
    void tables_and_items_show_a_users_note_under_their_identity_id() throws Exception {
        SignIn.IdentityCredentials alice = alice();
        Wire.Response created = Wire.sdk(alice, new Wire.Signing(), "POST", api("/notes"),
                "{\"content\":\"seen in the console\"}");
        assertEquals(200, created.status(), created.body());
        String noteId = JSON.readTree(created.body()).path("noteId").asText();

        JsonNode notes = find(admin("GET", "tables", null, 200), "name", "notes");
        assertEquals("userId", notes.path("partitionKey").path("name").asText());
        assertEquals("S", notes.path("partitionKey").path("type").asText());
        assertEquals("noteId", notes.path("sortKey").path("name").asText());
        assertTrue(notes.path("itemCount").asLong() >= 1, notes.toString());

        JsonNode items = admin("GET", "tables/notes/items?partitionKey=" + encode(alice.identityId()), null, 200);
        JsonNode note = find(items.path("items"), "noteId", noteId);
        assertEquals("seen in the console", note.path("content").asText());
        items.path("items").forEach(i -> assertEquals(alice.identityId(), i.path("userId").asText()));
        assertEquals(items.path("items").size(), items.path("count").asInt());

        JsonNode all = admin("GET", "tables/notes/items?limit=1", null, 200);
        assertEquals(1, all.path("items").size());
        admin("GET", "tables/no-such-table/items", null, 404);
    }

    @Test
    void the_functions_log_lines_are_recorded_with_the_session_token_masked() throws Exception {
        SignIn.IdentityCredentials alice = alice();
        Wire.Response r = Wire.sdk(alice, new Wire.Signing(), "GET", api("/logged"), null);
        assertEquals(200, r.status(), r.body());
        JsonNode record = admin("GET", "requests/" + encode(r.requestId()), null, 200);
        JsonNode logs = record.path("logs");
        assertEquals(2, logs.size(), record.toString());
        assertEquals("handling /logged", logs.get(0).asText());
        assertEquals("token was ****", logs.get(1).asText());
        assertFalse(record.toString().contains(alice.sessionToken()));
    }

    @Test
    void the_console_page_and_its_modules_are_served_from_the_jar() throws Exception {
        Wire.Response page = Wire.admin(gatehouse, "GET", "console", null);
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"/_gatehouse/console/app.js\">"));
        assertTrue(page.header("Content-Security-Policy").contains("default-src 'self'"));
        Wire.Response app = Wire.admin(gatehouse, "GET", "console/app.js", null);
        assertEquals(200, app.status());
        assertTrue(app.header("Content-Type").startsWith("text/javascript"));
        assertTrue(app.body().contains("import"));
        assertEquals(404, Wire.admin(gatehouse, "GET", "console/..%2Fconsole.css", null).status());
        assertEquals(404, Wire.admin(gatehouse, "GET", "console/missing.js", null).status());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }
}
