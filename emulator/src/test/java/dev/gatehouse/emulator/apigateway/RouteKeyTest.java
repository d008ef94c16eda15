package dev.gatehouse.emulator.apigateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteKeyTest {

    @Test
    void a_method_and_path_template_parse_into_segments() {
        RouteKey key = RouteKey.parse("GET /notes/{id}");
        assertEquals("GET", key.method());
        assertEquals("/notes/{id}", key.path());
        assertEquals(2, key.segments().size());
        assertEquals(new PathSegment(PathSegment.Kind.LITERAL, "notes"), key.segments().get(0));
        assertEquals(new PathSegment(PathSegment.Kind.VARIABLE, "id"), key.segments().get(1));
        assertFalse(key.greedy());
        assertEquals("GET /notes/{id}", key.toString());
    }

    @Test
    void a_greedy_variable_and_the_default_route_parse() {
        RouteKey proxy = RouteKey.parse("ANY /files/{proxy+}");
        assertTrue(proxy.greedy());
        assertTrue(proxy.anyMethod());
        assertEquals(new PathSegment(PathSegment.Kind.GREEDY, "proxy"), proxy.segments().get(1));
        RouteKey fallback = RouteKey.parse("$default");
        assertTrue(fallback.isDefault());
        assertEquals("$default", fallback.toString());
        assertEquals(1, RouteKey.parse("GET /").segments().size());
    }

    @Test
    void a_path_without_leading_slash_is_refused_naming_the_route_key() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouteKey.parse("GET notes"));
        assertTrue(e.getMessage().contains("\"GET notes\""), e.getMessage());
        assertTrue(e.getMessage().contains("must start with '/'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "FETCH /notes|method 'FETCH'",
            "get /notes|method 'get'",
            "GET|one space",
            "GET  /notes|must start with '/'",
            "GET /notes/|must not end with '/'",
            "GET /notes//x|empty segment",
            "GET /{proxy+}/x|must be the last segment",
            "GET /notes/{id}/{id}|appears twice",
            "GET /notes/a{id}|whole segment",
            "GET /notes/{}|path variable '{}'",
            "GET /notes/a b|not allowed",
            "GET /notes?x=1|not allowed",
            "$DEFAULT|one space",
    })
    void malformed_route_keys_are_refused_with_the_reason(String routeKey, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouteKey.parse(routeKey));
        assertTrue(e.getMessage().contains("\"" + routeKey + "\""), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void a_key_starting_with_a_space_names_its_empty_method_and_a_stray_brace_asks_for_a_whole_segment() {
        IllegalArgumentException space = assertThrows(IllegalArgumentException.class, () -> RouteKey.parse(" /notes"));
        assertTrue(space.getMessage().contains("method '' is not one of"), space.getMessage());
        for (String key : List.of("GET /notes/{id", "GET /notes/}id", "GET /{")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouteKey.parse(key));
            assertTrue(e.getMessage().contains("a path variable must be a whole segment"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /", "POST /notes", "PUT /notes/{id}", "PATCH /a/b.c/{x_y-z.1}", "DELETE /a/{proxy+}",
            "HEAD /x", "OPTIONS /{proxy+}", "ANY /v1/{tenant}/items/{rest+}"})
    void well_formed_route_keys_are_accepted(String routeKey) {
        assertEquals(routeKey, RouteKey.parse(routeKey).toString());
    }
}
