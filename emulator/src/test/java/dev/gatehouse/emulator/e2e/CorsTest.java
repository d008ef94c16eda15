package dev.gatehouse.emulator.e2e;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.record.CallRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code api.cors} as API Gateway's HTTP API applies it, through the real server: preflights answered by the gateway
 * (no authorizer, no function), the configured headers on answers to requests with {@code Origin}, the function's own
 * CORS headers dropped; first with the default configuration (every origin, header and method, as the guide's stack),
 * then with a narrow one.
 */
class CorsTest {
    private static final String SIGNED_HEADERS = "authorization,content-type,x-amz-content-sha256,x-amz-date,"
            + "x-amz-security-token,x-amz-user-agent";
    private static Gatehouse open;
    private static Gatehouse narrow;

    @BeforeAll
    static void start() throws Exception {
        open = Gatehouse.builder().port(0).start();
        narrow = Gatehouse.builder().config(Path.of(CorsTest.class.getResource("/e2e/gatehouse-cors.json").toURI()))
                .port(0).start();
    }

    @AfterAll
    static void stop() {
        if (open != null) {
            open.close();
        }
        if (narrow != null) {
            narrow.close();
        }
    }

    private static Wire preflight(Gatehouse g, String path, String origin, String method) {
        return ApiCall.of(g.baseUri(), "OPTIONS", path).header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", SIGNED_HEADERS).unsigned();
    }

    @Test
    void the_default_configuration_answers_a_preflight_itself_for_any_origin() {
        int calls = open.calls(r -> true).size();
        Wire.Reply r = preflight(open, "/notes", "http://localhost:5173", "POST").send();
        assertEquals(204, r.status(), r.toString());
        assertEquals("*", r.header("Access-Control-Allow-Origin"));
        assertEquals("POST", r.header("Access-Control-Allow-Methods"), "what the browser asked for");
        assertEquals(SIGNED_HEADERS, r.header("Access-Control-Allow-Headers"),
                "the requested headers, Authorization included (a browser does not take * for it)");
        assertEquals("", r.body());
        List<CallRecord> recorded = open.calls(c -> true);
        CallRecord preflight = recorded.get(recorded.size() - 1);
        assertTrue(recorded.size() > calls);
        assertFalse(preflight.invoked(), "no function runs for a preflight");
        assertEquals("none", preflight.verdict(), "no authorizer runs for a preflight");

        Wire.Reply noRoute = preflight(open, "/no/such/route", "https://site.example", "DELETE").send();
        assertEquals(204, noRoute.status(), "every preflight is answered, whether a route matches or not");
        assertEquals("*", noRoute.header("Access-Control-Allow-Origin"));
    }

    @Test
    void signed_calls_with_an_origin_get_the_cors_headers_and_without_one_none() {
        SignIn.IdentityCredentials alice = TestUsers.signIn(open, TestUsers.ALICE);
        Wire.Reply withOrigin = ApiCall.of(open.baseUri(), "GET", "/notes").as(alice)
                .header("Origin", "http://localhost:5173").signed().send();
        assertEquals(200, withOrigin.status(), withOrigin.toString());
        assertEquals("*", withOrigin.header("Access-Control-Allow-Origin"));

        Wire.Reply noOrigin = ApiCall.of(open.baseUri(), "GET", "/notes").as(alice).signed().send();
        assertEquals(200, noOrigin.status());
        assertNull(noOrigin.header("Access-Control-Allow-Origin"),
                "CORS headers only for a request with Origin (the notes function's own '*' is dropped)");
    }

    @Test
    void gateway_refusals_carry_the_cors_headers_so_a_browser_can_read_them() {
        Wire.Reply unsigned = ApiCall.of(open.baseUri(), "GET", "/notes").header("Origin", "http://localhost:5173")
                .unsigned().send();
        assertEquals(403, unsigned.status());
        assertEquals("*", unsigned.header("Access-Control-Allow-Origin"));
        Wire.Reply noRoute = ApiCall.of(open.baseUri(), "GET", "/nothing").header("Origin", "http://localhost:5173")
                .unsigned().send();
        assertEquals(404, noRoute.status());
        assertEquals("*", noRoute.header("Access-Control-Allow-Origin"));
    }

    @Test
    void a_narrow_configuration_answers_its_origins_with_its_own_lists() {
        Wire.Reply r = preflight(narrow, "/probe/x", "https://app.example.com", "POST").send();
        assertEquals(204, r.status(), r.toString());
        assertEquals("https://app.example.com", r.header("Access-Control-Allow-Origin"));
        assertEquals("true", r.header("Access-Control-Allow-Credentials"));
        assertEquals("GET,POST", r.header("Access-Control-Allow-Methods"));
        assertEquals("authorization,content-type,x-amz-date,x-amz-security-token",
                r.header("Access-Control-Allow-Headers"));
        assertEquals("600", r.header("Access-Control-Max-Age"));

        Wire.Reply wildcard = preflight(narrow, "/probe/x", "http://localhost:3000", "GET").send();
        assertEquals("http://localhost:3000", wildcard.header("Access-Control-Allow-Origin"), "http://* matches");

        Wire.Reply other = preflight(narrow, "/probe/x", "https://other.example", "GET").send();
        assertEquals(204, other.status());
        assertNull(other.header("Access-Control-Allow-Origin"), "an origin not allowed gets no CORS headers");
        assertNull(other.header("Access-Control-Allow-Methods"));
    }

    @Test
    void the_functions_own_cors_headers_are_replaced_by_the_configured_ones() {
        Wire.Reply r = ApiCall.of(narrow.baseUri(), "GET", "/cors-own").header("Origin", "https://app.example.com")
                .unsigned().send();
        assertEquals(200, r.status(), r.toString());
        assertEquals(List.of("https://app.example.com"), r.headers().allValues("Access-Control-Allow-Origin"));
        assertEquals(List.of("true"), r.headers().allValues("Access-Control-Allow-Credentials"));
        assertEquals("x-request-id", r.header("Access-Control-Expose-Headers"));
        assertEquals("r-1", r.header("x-request-id"), "other headers of the function are kept");

        Wire.Reply other = ApiCall.of(narrow.baseUri(), "GET", "/cors-own").header("Origin", "https://evil.example")
                .unsigned().send();
        assertNull(other.header("Access-Control-Allow-Origin"), "not the function's value, and none configured");
        Wire.Reply noOrigin = ApiCall.of(narrow.baseUri(), "GET", "/cors-own").unsigned().send();
        assertNull(noOrigin.header("Access-Control-Allow-Origin"), "the function's CORS headers are always ignored");
        assertEquals("r-1", noOrigin.header("x-request-id"));
    }

    @Test
    void without_cors_in_the_configuration_a_preflight_is_an_ordinary_request() throws Exception {
        try (Gatehouse plain = Gatehouse.builder()
                .config(Path.of(CorsTest.class.getResource("/e2e/gatehouse-probe.json").toURI())).port(0).start()) {
            Wire.Reply r = preflight(plain, "/probe-open", "http://localhost:5173", "GET").send();
            assertEquals(404, r.status(), "no OPTIONS route, and no CORS configured: " + r);
            assertNull(r.header("Access-Control-Allow-Origin"));
        }
    }
}
