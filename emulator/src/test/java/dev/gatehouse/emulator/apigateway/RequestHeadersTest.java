package dev.gatehouse.emulator.apigateway;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event's headers and cookies as an HTTP API hands them on. */
class RequestHeadersTest {

    @Test
    void each_trace_id_is_new_even_in_the_same_second() {
        java.time.Instant at = java.time.Instant.parse("2020-03-12T19:03:58Z");
        String first = RequestIds.newTraceId(at);
        assertTrue(first.matches("Root=1-5e6a879e-[0-9a-f]{24}"), first);
        assertNotEquals(first, RequestIds.newTraceId(at));
    }

    @Test
    void cookies_are_split_trimmed_and_blank_ones_dropped() {
        RequestHeaders h = RequestHeaders.of(EventFixtures.request("GET", "/", null, List.of(
                Map.entry("Cookie", "a=1;; b=2 ; "), Map.entry("cookie", "c=3")), new byte[0]), "api.example");
        assertEquals(List.of("a=1", "b=2", "c=3"), h.cookies());
        assertFalse(h.values().containsKey("cookie"));
    }

    @Test
    void names_are_lower_case_repeats_joined_and_the_gateways_own_added() {
        RequestHeaders h = RequestHeaders.of(EventFixtures.request("GET", "/", null, List.of(
                Map.entry("X-Tag", "a"), Map.entry("x-tag", "b"), Map.entry("Host", "localhost:8421"),
                Map.entry("Connection", "keep-alive"), Map.entry("X-Forwarded-For", "198.51.100.1"),
                Map.entry("X-Amzn-Trace-Id", "Root=1-mine")), new byte[0]), "api.example");
        assertEquals("a,b", h.values().get("x-tag"));
        assertEquals("api.example", h.values().get("host"));
        assertFalse(h.values().containsKey("connection"));
        assertEquals("198.51.100.1, 127.0.0.1", h.values().get("x-forwarded-for"));
        assertEquals("443", h.values().get("x-forwarded-port"));
        assertEquals("https", h.values().get("x-forwarded-proto"));
        assertEquals("Root=1-mine", h.values().get("x-amzn-trace-id"));
    }
}
