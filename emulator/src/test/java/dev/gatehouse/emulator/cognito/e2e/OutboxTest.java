package dev.gatehouse.emulator.cognito.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.cognito.userpool.Outbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The user pool's outbox: {@code GET /_gatehouse/messages?to=EMAIL}, {@code ./gatehouse messages EMAIL}. */
class OutboxTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "Outbox-Passw0rd!";
    static Gatehouse gatehouse;
    static CognitoClients clients;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        clients = new CognitoClients(gatehouse);
    }

    @AfterAll
    static void stop() {
        clients.close();
        gatehouse.close();
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gatehouse.baseUri() + "/_gatehouse/" + pathAndQuery))
                .header("X-Gatehouse-Token", gatehouse.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode messagesOverHttp(String email) throws Exception {
        HttpResponse<String> r = get("messages?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(r.body());
    }

    @Test
    void the_sign_up_code_is_served_over_http_and_confirms_the_user() throws Exception {
        String email = CognitoClients.freshEmail("outbox");
        clients.signUp(email, PASSWORD);

        JsonNode messages = messagesOverHttp(email.toUpperCase(Locale.ROOT));
        assertEquals(1, messages.size(), messages.toString());
        JsonNode m = messages.get(0);
        assertEquals(List.of("to", "kind", "code", "sentAt"), iterable(m));
        assertEquals(email, m.get("to").asText());
        assertEquals("SIGN_UP", m.get("kind").asText());
        assertTrue(m.get("code").asText().matches("\\d{6}"), m.toString());
        assertTrue(m.get("sentAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), m.toString());

        clients.userPool.confirmSignUp(r -> r.clientId(clients.outputs.userPoolClientId()).username(email)
                .confirmationCode(m.get("code").asText()));
        assertEquals("CONFIRMED", clients.admin.adminGetUser(r -> r.userPoolId(clients.outputs.userPoolId())
                .username(email)).userStatusAsString());
        assertEquals(List.of(new Outbox.Message(email, Outbox.Kind.SIGN_UP, m.get("code").asText(),
                gatehouse.messages(email).get(0).sentAt())), gatehouse.messages(email));
    }

    @Test
    void an_address_nobody_wrote_to_has_no_messages_and_the_address_is_required() throws Exception {
        assertEquals(0, messagesOverHttp("nobody-" + System.nanoTime() + "@example.com").size());
        HttpResponse<String> missing = get("messages");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("messages?to=EMAIL"), missing.body());
    }

    @Test
    void the_cli_prints_the_messages_and_the_latest_code() {
        String email = CognitoClients.freshEmail("outbox-cli");
        clients.signUp(email, PASSWORD);
        String code = gatehouse.messages(email).get(0).code();

        GatehouseCli.Run table = cli("messages", email);
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("SIGN_UP"), table.out());
        assertTrue(table.out().contains(code), table.out());
        assertTrue(table.out().contains("1 message(s) to " + email), table.out());

        GatehouseCli.Run latest = cli("messages", email, "--latest");
        assertEquals(0, latest.exit(), latest.err());
        assertEquals(code, latest.out().strip());

        GatehouseCli.Run none = cli("messages", "nobody@example.com", "--latest");
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("no message to nobody@example.com"), none.err());
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static GatehouseCli.Run cli(String... args) {
        return GatehouseCli.run(gatehouse.baseUri(), args);
    }
}
