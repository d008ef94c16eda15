package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code api.cors} as an HTTP API applies it: the preflight answers and the headers added to other answers. */
class CorsRulesTest {
    private static final String ORIGIN = "Access-Control-Allow-Origin";
    private static final String METHODS = "Access-Control-Allow-Methods";
    private static final String HEADERS = "Access-Control-Allow-Headers";
    private static final String MAX_AGE = "Access-Control-Max-Age";
    private static final String CREDENTIALS = "Access-Control-Allow-Credentials";
    private static final String EXPOSE = "Access-Control-Expose-Headers";

    private static Cors cors(List<String> origins, List<String> methods, List<String> headers, List<String> expose,
                             Integer maxAge, boolean credentials) {
        return Cors.of(new GatehouseConfig.Api("api1", "$default", new GatehouseConfig.Cors(origins, methods, headers,
                expose, maxAge, credentials))).orElseThrow();
    }

    /** As SST and the guide's stacks: every origin, method and header. */
    private static final Cors OPEN = cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
    private static final Cors NARROW = cors(List.of("https://app.example.com", "http://*"), List.of("GET", "POST"),
            List.of("authorization", "content-type"), List.of("x-request-id", "etag"), 600, true);

    private static IncomingRequest request(String method, String... headers) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            list.add(Map.entry(headers[i], headers[i + 1]));
        }
        return EventFixtures.request(method, "/notes", null, list, new byte[0]);
    }

    private static IncomingRequest preflight(String origin, String method, String requestHeaders) {
        return requestHeaders == null
                ? request("OPTIONS", "Origin", origin, "Access-Control-Request-Method", method)
                : request("OPTIONS", "Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", requestHeaders);
    }

    private static final GatewayResponse FUNCTION_ANSWER = new GatewayResponse(201, List.of(
            Map.entry("content-type", "application/json"), Map.entry("Access-Control-Allow-Origin", "https://evil.example"),
            Map.entry("access-control-expose-headers", "x-secret"), Map.entry("x-request-id", "r-1")),
            "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));

    @Test
    void without_cors_configured_there_is_none() {
        assertTrue(Cors.of(new GatehouseConfig.Api("api1", "$default")).isEmpty());
    }

    @Test
    void a_preflight_is_an_options_call_with_origin_and_a_requested_method() {
        assertTrue(Cors.isPreflight(preflight("https://a.example", "GET", null)));
        assertTrue(Cors.isPreflight(request("options", "Origin", "https://a.example",
                "Access-Control-Request-Method", "GET")), "the method in any case");
        assertFalse(Cors.isPreflight(request("OPTIONS", "Origin", "https://a.example")));
        assertFalse(Cors.isPreflight(request("OPTIONS", "Access-Control-Request-Method", "GET")));
        assertFalse(Cors.isPreflight(request("GET", "Origin", "https://a.example",
                "Access-Control-Request-Method", "GET")));
    }

    @Test
    void an_open_api_answers_star_and_what_the_browser_asked_for() {
        GatewayResponse r = OPEN.preflight(preflight("http://localhost:5173", "PUT", "authorization,x-amz-date"));
        assertEquals(204, r.status());
        assertEquals(0, r.body().length);
        assertEquals("*", r.header(ORIGIN));
        assertEquals("PUT", r.header(METHODS));
        assertEquals("authorization,x-amz-date", r.header(HEADERS), "a browser does not take * for Authorization");
        assertNull(r.header(MAX_AGE));
        assertNull(r.header(CREDENTIALS));
        assertEquals(2 + 1, r.headers().size(), r.headers().toString());
    }

    @Test
    void an_open_api_answers_star_for_headers_when_the_browser_asked_none() {
        assertEquals("*", OPEN.preflight(preflight("https://a.example", "GET", null)).header(HEADERS));
        assertEquals("*", OPEN.preflight(preflight("https://a.example", "GET", " ")).header(HEADERS));
    }

    @Test
    void a_narrow_api_answers_its_origin_and_its_own_lists() {
        GatewayResponse r = NARROW.preflight(preflight("https://app.example.com", "DELETE", "x-other"));
        assertEquals(204, r.status());
        assertEquals("https://app.example.com", r.header(ORIGIN));
        assertEquals("true", r.header(CREDENTIALS));
        assertEquals("GET,POST", r.header(METHODS), "the configured list, not what was asked");
        assertEquals("authorization,content-type", r.header(HEADERS));
        assertEquals("600", r.header(MAX_AGE));
        assertNull(r.header(EXPOSE), "expose headers are for answers, not preflights");
    }

    @Test
    void origins_match_exactly_ignoring_case_or_by_scheme_wildcard() {
        assertEquals("https://APP.example.com", NARROW.allowedOrigin("https://APP.example.com"));
        assertEquals("http://localhost:3000", NARROW.allowedOrigin("http://localhost:3000"), "http://* matches");
        assertNull(NARROW.allowedOrigin("https://other.example"), "https is not http://*");
        assertNull(NARROW.allowedOrigin("https://app.example.com.evil.example"));
        assertNull(NARROW.allowedOrigin(null));
        Cors https = cors(List.of("https://*"), List.of(), List.of(), List.of(), null, false);
        assertEquals("https://x.example", https.allowedOrigin("https://x.example"));
        assertNull(https.allowedOrigin("http://x.example"));
        assertNull(https.allowedOrigin("https:/x.example"));
        assertEquals("*", OPEN.allowedOrigin("null"));
    }

    @Test
    void a_preflight_from_an_origin_not_allowed_gets_no_cors_headers_at_all() {
        GatewayResponse r = NARROW.preflight(preflight("https://other.example", "GET", "authorization"));
        assertEquals(204, r.status());
        assertEquals(List.of(), r.headers());
    }

    @Test
    void empty_lists_and_no_max_age_leave_their_headers_out() {
        Cors bare = cors(List.of("https://a.example"), List.of(), List.of(), List.of(), null, false);
        GatewayResponse r = bare.preflight(preflight("https://a.example", "GET", "authorization"));
        assertEquals(List.of(Map.entry(ORIGIN, "https://a.example")), r.headers());
        Cors zero = cors(List.of("https://a.example"), List.of(), List.of(), List.of(), 0, false);
        assertEquals("0", zero.preflight(preflight("https://a.example", "GET", null)).header(MAX_AGE));
    }

    @Test
    void an_answer_to_an_allowed_origin_gets_the_configured_headers_in_place_of_the_functions() {
        GatewayResponse r = NARROW.apply(request("GET", "Origin", "https://app.example.com"), FUNCTION_ANSWER);
        assertEquals(201, r.status());
        assertArrayEquals(FUNCTION_ANSWER.body(), r.body());
        assertEquals(List.of(Map.entry("content-type", "application/json"), Map.entry("x-request-id", "r-1"),
                Map.entry(ORIGIN, "https://app.example.com"), Map.entry(CREDENTIALS, "true"),
                Map.entry(EXPOSE, "x-request-id,etag")), r.headers());
    }

    @Test
    void an_answer_to_an_open_api_has_star_and_no_expose_or_credentials_header() {
        GatewayResponse r = OPEN.apply(request("GET", "Origin", "https://a.example"), FUNCTION_ANSWER);
        assertEquals(List.of(Map.entry("content-type", "application/json"), Map.entry("x-request-id", "r-1"),
                Map.entry(ORIGIN, "*")), r.headers());
    }

    @Test
    void an_answer_without_origin_or_to_another_origin_loses_the_functions_cors_headers_and_gets_none() {
        List<Map.Entry<String, String>> plain = List.of(Map.entry("content-type", "application/json"),
                Map.entry("x-request-id", "r-1"));
        assertEquals(plain, NARROW.apply(request("GET"), FUNCTION_ANSWER).headers());
        assertEquals(plain, NARROW.apply(request("GET", "Origin", "https://evil.example"), FUNCTION_ANSWER).headers());
    }
}
