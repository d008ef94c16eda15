package dev.gatehouse.emulator.door;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.AdminToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17's attacks on Gatehouse's own endpoints, each over real HTTP (raw bytes, so Host, Origin and the content
 * type are exactly an attacker's): a page on another origin, a DNS-rebinding page, a caller without the token.
 */
class AdminDoorTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Gatehouse gatehouse;
    static String host;

    /** Every endpoint of {@code /_gatehouse/*} that changes state, with a body that would work with the token. */
    static final List<String[]> STATE_CHANGES = List.of(
            new String[] {"invoke", "{\"routeKey\":\"GET /notes\",\"event\":{\"version\":\"2.0\"}}"},
            new String[] {"replay/00000000-0000-0000-0000-000000000000?mode=resign", ""},
            new String[] {"clock", "{\"offsetSeconds\":-7200}"},
            new String[] {"client-skew", "{\"seconds\":600}"},
            new String[] {"keys/rotate", ""},
            new String[] {"users/alice%40example.com/disable", ""},
            new String[] {"users/alice%40example.com/enable", ""},
            new String[] {"users/alice%40example.com/expire-credentials", ""},
            new String[] {"users/alice%40example.com/credentials", ""},
            new String[] {"messages", ""},
            new String[] {"nothing-here", ""});
    static final List<String> READS = List.of("outputs", "requests", "requests/x", "requests/x/explain",
            "requests/stream", "clock", "client-skew", "console", "console/app.js", "messages?to=alice%40example.com",
            "users", "tables", "tables/notes/items", "credentials/developer", "nothing-here");

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        host = "127.0.0.1:" + gatehouse.port();
    }

    @AfterAll
    static void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void a_cross_origin_text_plain_post_changes_nothing_on_any_endpoint() throws Exception {
        List<String> let = new ArrayList<>();
        for (String[] e : STATE_CHANGES) {
            // What a page on evil.example can send with fetch(..., {mode: "no-cors"}): no preflight, no token.
            Http.Response r = Http.send(gatehouse.port(), "POST /_gatehouse/" + e[0], host,
                    List.of("Origin: http://evil.example", "Content-Type: text/plain"), e[1]);
            if (r.status() != 403) {
                let.add(e[0] + " -> " + r.status() + " " + r.body());
            }
        }
        assertEquals(List.of(), let, "every state change from another origin is refused with 403");
        assertEquals(0, JSON.readTree(get("clock", gatehouse.adminToken()).body()).path("offsetSeconds").asLong(),
                "the clock did not move");
        assertEquals(0, JSON.readTree(get("clock", gatehouse.adminToken()).body()).path("clientSkewSeconds").asLong(),
                "no client skew was set");
    }

    @Test
    void a_cross_origin_post_is_refused_even_with_the_token() throws Exception {
        Http.Response r = Http.send(gatehouse.port(), "POST /_gatehouse/clock", host,
                List.of("Origin: http://localhost:3000", "Content-Type: application/json",
                        AdminToken.HEADER + ": " + gatehouse.adminToken()), "{\"offsetSeconds\":-7200}");
        assertEquals(403, r.status(), r.body());
        assertTrue(r.body().contains("another web origin"), r.body());
        assertEquals(0, JSON.readTree(get("clock", gatehouse.adminToken()).body()).path("offsetSeconds").asLong());
    }

    @Test
    void a_rebinding_host_is_refused_even_with_the_token() throws Exception {
        for (String badHost : List.of("evil.example:" + gatehouse.port(), "evil.example", "127.0.0.1",
                "127.0.0.1:1", "localhost.evil.example:" + gatehouse.port())) {
            Http.Response r = Http.send(gatehouse.port(), "GET /_gatehouse/requests", badHost,
                    List.of(AdminToken.HEADER + ": " + gatehouse.adminToken()), "");
            assertEquals(403, r.status(), badHost + ": " + r.body());
            assertTrue(r.body().contains("DNS-rebinding"), r.body());
            assertFalse(r.body().contains("\"requestId\""), "no record in the refusal");
        }
        for (String goodHost : List.of("127.0.0.1:" + gatehouse.port(), "localhost:" + gatehouse.port(),
                "LOCALHOST:" + gatehouse.port())) {
            assertEquals(200, Http.send(gatehouse.port(), "GET /_gatehouse/outputs", goodHost,
                    List.of(AdminToken.HEADER + ": " + gatehouse.adminToken()), "").status(), goodHost);
        }
    }

    @Test
    void no_token_or_a_wrong_token_is_401_on_every_endpoint_known_or_not() throws Exception {
        List<String> let = new ArrayList<>();
        for (String token : new String[] {null, "", "wrong", gatehouse.adminToken() + "x",
                AdminToken.random().value()}) {
            for (String read : READS) {
                // the status line only: let in, requests/stream would stream without end
                int status = Http.status(gatehouse.port(), "/_gatehouse/" + read, host,
                        token == null ? List.of() : List.of(AdminToken.HEADER + ": " + token));
                if (status != 401) {
                    let.add("GET " + read + " with " + token + " -> " + status);
                }
            }
            for (String[] e : STATE_CHANGES) {
                Http.Response r = Http.send(gatehouse.port(), "POST /_gatehouse/" + e[0], host,
                        token == null ? List.of("Content-Type: application/json")
                                : List.of("Content-Type: application/json", AdminToken.HEADER + ": " + token), e[1]);
                if (r.status() != 401) {
                    let.add("POST " + e[0] + " with " + token + " -> " + r.status());
                }
            }
        }
        assertEquals(List.of(), let);
        Http.Response unknown = get("nothing-here", null);
        Http.Response known = get("requests", null);
        assertEquals(known.body(), unknown.body(), "an unknown endpoint looks like a known one without the token");
        assertTrue(known.body().contains(AdminToken.HEADER), "the refusal says what is missing: " + known.body());
    }

    @Test
    void health_needs_no_token_and_the_rest_answers_with_it() throws Exception {
        assertEquals(200, get("health", null).status());
        assertEquals(200, get("outputs", gatehouse.adminToken()).status());
        assertEquals(200, get("requests", gatehouse.adminToken()).status());
        assertEquals(404, get("nothing-here", gatehouse.adminToken()).status());
    }

    @Test
    void a_state_change_with_the_token_must_be_json() throws Exception {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")) {
            Http.Response r = Http.send(gatehouse.port(), "POST /_gatehouse/clock", host,
                    List.of("Content-Type: " + type, AdminToken.HEADER + ": " + gatehouse.adminToken()),
                    "{\"offsetSeconds\":-7200}");
            assertEquals(415, r.status(), type + ": " + r.body());
        }
        Http.Response none = Http.send(gatehouse.port(), "POST /_gatehouse/clock", host,
                List.of(AdminToken.HEADER + ": " + gatehouse.adminToken()), "{\"offsetSeconds\":-7200}");
        assertEquals(415, none.status(), none.body());
        Http.Response json = Http.send(gatehouse.port(), "POST /_gatehouse/clock", host,
                List.of("Content-Type: application/json; charset=utf-8", "Origin: http://" + host,
                        AdminToken.HEADER + ": " + gatehouse.adminToken()), "{\"reset\":true}");
        assertEquals(200, json.status(), json.body());
    }

    @Test
    void the_console_url_trades_the_token_for_a_strict_cookie_that_only_the_console_may_use() throws Exception {
        Http.Response wrong = Http.send(gatehouse.port(), "GET /_gatehouse/console?token=nope", host, List.of(), "");
        assertEquals(401, wrong.status());
        assertEquals(null, wrong.header("Set-Cookie"));

        Http.Response exchange = Http.send(gatehouse.port(), "GET /_gatehouse/console?token="
                + gatehouse.adminToken(), host, List.of("Sec-Fetch-Site: none"), "");
        assertEquals(303, exchange.status(), exchange.body());
        assertEquals("/_gatehouse/console", exchange.header("Location"), "the token leaves the address bar");
        String cookie = exchange.header("Set-Cookie");
        assertTrue(cookie.startsWith(AdminToken.COOKIE + "=" + gatehouse.adminToken() + ";"), cookie);
        for (String attribute : List.of("HttpOnly", "SameSite=Strict", "Path=/_gatehouse")) {
            assertTrue(cookie.contains(attribute), cookie);
        }
        String sent = "Cookie: other=1; " + AdminToken.COOKIE + "=" + gatehouse.adminToken();
        assertEquals(200, Http.send(gatehouse.port(), "GET /_gatehouse/requests", host,
                List.of(sent, "Sec-Fetch-Site: same-origin"), "").status());
        // A page on another port of localhost is the same site: the browser sends the cookie, the door does not take it.
        Http.Response sameSite = Http.send(gatehouse.port(), "GET /_gatehouse/requests", host,
                List.of(sent, "Sec-Fetch-Site: same-site"), "");
        assertEquals(403, sameSite.status(), sameSite.body());
        Http.Response otherOrigin = Http.send(gatehouse.port(), "POST /_gatehouse/keys/rotate", host,
                List.of(sent, "Origin: http://localhost:3000", "Content-Type: application/json"), "");
        assertEquals(403, otherOrigin.status(), otherOrigin.body());
        Http.Response stale = Http.send(gatehouse.port(), "GET /_gatehouse/requests", host,
                List.of("Cookie: " + AdminToken.COOKIE + "=" + AdminToken.random().value()), "");
        assertEquals(401, stale.status(), stale.body());
    }

    @Test
    void the_token_is_256_random_bits_in_an_owner_only_file_keyed_by_port_removed_at_stop() throws Exception {
        assertEquals(43, gatehouse.adminToken().length(), "32 bytes, base64url");
        Path file = AdminToken.fileFor(gatehouse.port());
        assertEquals(gatehouse.adminToken(), Files.readString(file, StandardCharsets.UTF_8).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (Gatehouse second = Gatehouse.builder().port(0).start()) {
            assertNotEquals(gatehouse.adminToken(), second.adminToken(), "a new token at each start");
            assertTrue(Files.exists(AdminToken.fileFor(second.port())));
            assertEquals(401, Http.send(second.port(), "GET /_gatehouse/requests", "127.0.0.1:" + second.port(),
                    List.of(AdminToken.HEADER + ": " + gatehouse.adminToken()), "").status(),
                    "one Gatehouse's token does not open another");
            second.close();
            assertFalse(Files.exists(AdminToken.fileFor(second.port())), "removed at a clean stop");
        }
        assertEquals(gatehouse.adminToken(), AdminToken.find(URI.create("http://127.0.0.1:" + gatehouse.port()))
                .orElseThrow(), "a client finds the token by the port it calls");
    }

    private static Http.Response get(String what, String token) throws Exception {
        return Http.send(gatehouse.port(), "GET /_gatehouse/" + what, host,
                token == null ? List.of() : List.of(AdminToken.HEADER + ": " + token), "");
    }
}
