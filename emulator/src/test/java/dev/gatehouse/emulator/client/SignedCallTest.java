package dev.gatehouse.emulator.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link SignedCall} puts on the wire and how it reads the answer (a plain HTTP server on port 0). */
class SignedCallTest {
    private static final SignIn.IdentityCredentials ALICE = new SignIn.IdentityCredentials("us-east-1:alice",
            "ASIAEXAMPLE", "secret", "session-token", null);

    record Seen(String method, String path, Map<String, List<String>> headers, byte[] body, InetSocketAddress from) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        start(0);
    }

    private void start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes(),
                    exchange.getRemoteAddress()));
            byte[] answer = "café".getBytes(exchange.getRequestURI().getPath().endsWith("latin1")
                    ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", exchange.getRequestURI().getPath().endsWith("latin1")
                    ? "text/plain; charset=ISO-8859-1" : "application/json");
            exchange.getResponseHeaders().add("X-Amzn-RequestId", "r-1");
            exchange.sendResponseHeaders(201, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_body_is_signed_and_sent_with_its_length_after_the_signature() throws Exception {
        String body = "{\"content\":\"héllo\"}";
        SignedCall.Response r = SignedCall.send("eu-west-1", ALICE, "post", base, "/notes", body);

        assertEquals(201, r.status());
        Seen s = seen.get(0);
        assertEquals("POST", s.method());
        assertEquals("/notes", s.path());
        assertEquals(body, new String(s.body(), StandardCharsets.UTF_8));
        assertEquals(String.valueOf(body.getBytes(StandardCharsets.UTF_8).length), s.header("Content-Length"));
        assertEquals("application/json", s.header("Content-Type"));
        assertEquals("session-token", s.header("X-Amz-Security-Token"));
        String authorization = s.header("Authorization");
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/"), authorization);
        assertTrue(authorization.contains("/eu-west-1/execute-api/aws4_request, "), authorization);
        assertTrue(authorization.contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-security-token, "), authorization);
        assertEquals(SignedCall.USER_AGENT, s.header("User-Agent"));
    }

    @Test
    void a_get_has_no_body_and_signs_the_empty_payload() throws Exception {
        SignedCall.send("us-east-1", ALICE, "GET", URI.create(base + "///"), "/notes/n-1", null);

        Seen s = seen.get(0);
        assertEquals("/notes/n-1", s.path());
        assertEquals(0, s.body().length);
        assertNull(s.header("Content-Type"));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                s.header("X-Amz-Content-Sha256"));
    }

    @Test
    void the_answer_is_decoded_with_its_charset_and_its_headers_are_found_in_any_case() throws Exception {
        SignedCall.Response utf8 = SignedCall.send("us-east-1", ALICE, "GET", base, "/utf8", null);
        SignedCall.Response latin1 = SignedCall.send("us-east-1", ALICE, "GET", base, "/latin1", null);

        assertEquals("café", utf8.body());
        assertEquals("café", latin1.body());
        assertEquals("r-1", utf8.header("x-amzn-requestid"));
        assertEquals(List.of("r-1"), utf8.headers().get("X-AMZN-REQUESTID"));
    }

    @Test
    void a_server_restarted_on_the_same_port_gets_the_next_call_not_the_closed_connection() throws Exception {
        assertEquals(201, SignedCall.send("us-east-1", ALICE, "GET", base, "/notes", null).status());
        int port = server.getAddress().getPort();
        server.stop(0); // closes the keep-alive connection the pool holds
        start(port);

        // at once: the pool checks an idle connection only after 2 s, so this goes out on the closed one first
        SignedCall.Response r = SignedCall.send("us-east-1", ALICE, "POST", base, "/notes", "{\"content\":\"x\"}");

        assertEquals(201, r.status(), r.body());
        assertEquals(List.of("GET", "POST"), seen.stream().map(Seen::method).toList(), "each sent once: " + seen);
    }

    @Test
    void calls_in_a_row_reuse_one_connection() throws Exception {
        for (int i = 0; i < 3; i++) {
            SignedCall.send("us-east-1", ALICE, "GET", base, "/notes", null);
        }

        assertEquals(1, seen.stream().map(Seen::from).distinct().count(), seen.toString());
    }
}
