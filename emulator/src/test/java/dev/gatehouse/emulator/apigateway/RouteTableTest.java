package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {

    private static final GatehouseConfig.Api DEFAULT_STAGE = new GatehouseConfig.Api("api1", "$default");

    static GatehouseConfig.Route route(String key) {
        return new GatehouseConfig.Route(key, "h." + key.replaceAll("\\W", "_"), "AWS_IAM", 10, 1024, Map.of());
    }

    static RouteTable table(GatehouseConfig.Api api, String... keys) {
        return RouteTable.of(api, Arrays.stream(keys).map(RouteTableTest::route).toList());
    }

    /** The example of the AWS guide (http-api-develop-routes), plus a few more. */
    private final RouteTable awsExample = table(DEFAULT_STAGE,
            "GET /pets/dog/1", "GET /pets/dog/{id}", "GET /pets/{proxy+}", "ANY /{proxy+}", "$default",
            "GET /pets/{type}/{id}/{more}", "ANY /pets/dog/{id}/toys", "GET /pets/dog/{id}/toys",
            "GET /api/{proxy+}", "GET /api/v1/{proxy+}", "GET /notes", "POST /notes", "GET /",
            "GET /zoo/{kind}/{id}", "GET /zoo/cats/{proxy+}");

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "GET|/pets/dog/1|GET /pets/dog/1",
            "GET|/pets/dog/2|GET /pets/dog/{id}",
            "GET|/pets/cat/1|GET /pets/{proxy+}",
            "POST|/pets/dog/1|ANY /{proxy+}",
            "POST|/test/5|ANY /{proxy+}",
            "GET|/pets/cat/1/x|GET /pets/{type}/{id}/{more}",
            "GET|/pets/dog/1/toys|GET /pets/dog/{id}/toys",
            "PUT|/pets/dog/1/toys|ANY /pets/dog/{id}/toys",
            "GET|/api/v1/x|GET /api/v1/{proxy+}",
            "GET|/api/v2/x|GET /api/{proxy+}",
            "GET|/notes|GET /notes",
            "POST|/notes|POST /notes",
            "DELETE|/notes|ANY /{proxy+}",
            "GET|/|GET /",
            "POST|/|$default",
            "GET|/notes/|ANY /{proxy+}",
            "GET|/zoo/cats/1|GET /zoo/{kind}/{id}",
            "GET|/zoo/cats/1/2|GET /zoo/cats/{proxy+}",
    })
    void the_most_specific_route_wins(String method, String path, String expected) {
        assertEquals(expected, awsExample.match(method, path).orElseThrow().routeKey().toString());
    }

    @Test
    void the_default_route_takes_what_no_other_route_matches() {
        RouteTable t = table(DEFAULT_STAGE, "GET /notes", "$default");
        RouteMatch m = t.match("PATCH", "/anything/at/all").orElseThrow();
        assertEquals("$default", m.routeKey().toString());
        assertEquals("$default", m.route().routeKey());
        assertEquals(Map.of(), m.pathParameters());
    }

    @Test
    void no_route_and_no_default_route_is_no_match() {
        RouteTable t = table(DEFAULT_STAGE, "GET /notes", "GET /notes/{id}", "GET /files/{proxy+}");
        assertEquals(Optional.empty(), t.match("POST", "/notes"));
        assertEquals(Optional.empty(), t.match("GET", "/other"));
        assertEquals(Optional.empty(), t.match("GET", "/notes/a/b"));
        assertEquals(Optional.empty(), t.match("GET", "/files"));
        assertEquals(Optional.empty(), t.match("GET", "/files/"), "a greedy variable needs at least one character");
        assertEquals(Optional.empty(), t.match("get", "/notes"), "methods are case-sensitive");
        assertEquals(Optional.empty(), t.match("GET", "/Notes"), "paths are case-sensitive");
        assertEquals(Optional.empty(), t.match("GET", "/notes//"), "a variable needs a non-empty segment");
        RouteTable withRoot = table(DEFAULT_STAGE, "GET /", "OPTIONS /");
        assertEquals(Optional.empty(), withRoot.match("OPTIONS", "*"));
        assertEquals(Optional.empty(), withRoot.match("GET", "http://host/"));
        assertEquals(Optional.empty(), withRoot.match("GET", ""));
        assertEquals(Optional.empty(), withRoot.match("HEAD", "/"), "HEAD does not fall back to a GET route");
    }

    @Test
    void a_trailing_slash_is_a_different_path() {
        RouteTable t = table(DEFAULT_STAGE, "GET /notes", "GET /notes/{id}");
        assertTrue(t.match("GET", "/notes").isPresent());
        assertEquals(Optional.empty(), t.match("GET", "/notes/"));
        assertEquals(Optional.empty(), t.match("GET", "/notes/n1/"));
    }

    @Test
    void path_parameters_are_bound_and_the_greedy_one_takes_the_rest() {
        RouteTable t = table(DEFAULT_STAGE, "GET /users/{userId}/notes/{noteId}", "ANY /files/{proxy+}");
        assertEquals(Map.of("userId", "u1", "noteId", "n 2"),
                t.match("GET", "/users/u1/notes/n 2").orElseThrow().pathParameters());
        assertEquals(Map.of("proxy", "a/b/c.txt"), t.match("PUT", "/files/a/b/c.txt").orElseThrow().pathParameters());
        assertEquals(Map.of("proxy", "a/"), t.match("PUT", "/files/a/").orElseThrow().pathParameters());
    }

    @Test
    void the_request_path_is_percent_decoded_before_matching() {
        RouteTable t = table(DEFAULT_STAGE, "GET /notes/{id}", "GET /files/{proxy+}", "GET /a+b");
        assertEquals(Map.of("id", "a b\u00e9+"), t.match(request("GET", "/notes/a%20b%C3%A9+")).orElseThrow().pathParameters());
        assertEquals("GET /a+b", t.match(request("GET", "/a%2Bb")).orElseThrow().routeKey().toString());
        // %2F decodes to '/', which separates segments: the value cannot hold a slash (API Gateway decodes first).
        assertEquals(Optional.empty(), t.match(request("GET", "/notes/a%2Fb")));
        assertEquals(Map.of("proxy", "a/b"), t.match(request("GET", "/files/a%2Fb")).orElseThrow().pathParameters());
        // a malformed escape is kept as sent
        assertEquals(Map.of("id", "100%zz"), t.match(request("GET", "/notes/100%zz")).orElseThrow().pathParameters());
    }

    @Test
    void a_named_stage_is_the_first_segment_and_the_rest_is_routed() {
        GatehouseConfig.Api dev = new GatehouseConfig.Api("api1", "dev");
        RouteTable t = table(dev, "GET /notes/{id}", "GET /");
        assertEquals(Map.of("id", "n1"), t.match("GET", "/dev/notes/n1").orElseThrow().pathParameters());
        assertEquals("GET /", t.match("GET", "/dev").orElseThrow().routeKey().toString());
        assertEquals("GET /", t.match("GET", "/dev/").orElseThrow().routeKey().toString());
        assertEquals(Optional.empty(), t.match("GET", "/notes/n1"), "no stage in the path");
        assertEquals(Optional.empty(), t.match("GET", "/prod/notes/n1"), "another stage");
        assertEquals(Optional.empty(), t.match("GET", "/devx/notes/n1"));
    }

    @Test
    void with_a_named_stage_even_the_default_route_needs_the_stage() {
        RouteTable t = table(new GatehouseConfig.Api("api1", "dev"), "$default");
        assertTrue(t.match("GET", "/dev/x").isPresent());
        assertEquals(Optional.empty(), t.match("GET", "/x"));
    }

    @Test
    void a_bad_route_or_a_duplicate_is_refused_when_the_table_is_built() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table(DEFAULT_STAGE, "GET /notes", "POST notes"));
        assertTrue(e.getMessage().contains("\"POST notes\""), e.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> table(DEFAULT_STAGE, "GET /notes", "GET /notes"));
        assertTrue(dup.getMessage().contains("duplicate route key \"GET /notes\""), dup.getMessage());
    }

    @Test
    void route_keys_are_listed_in_configuration_order_with_default_last() {
        assertEquals(List.of("GET /a", "POST /b", "$default"), table(DEFAULT_STAGE, "$default", "GET /a", "POST /b").routeKeys());
    }

    static IncomingRequest request(String method, String rawPath) {
        return new IncomingRequest(method, rawPath, null, List.of(), new byte[0], "127.0.0.1", "HTTP/1.1",
                Instant.EPOCH);
    }
}
