package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.emulator.apigateway.EventFixtures.COGNITO_CALLER;
import static dev.gatehouse.emulator.apigateway.EventFixtures.RECEIVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lambda proxy event of a REST API (payload 1.0), field by field. */
class RestEventBuilderTest {
    private static final GatehouseConfig.Api API = new GatehouseConfig.Api("gh0rest001", "prod",
            GatehouseConfig.Api.Type.REST);
    private static final RouteTable ROUTES = RouteTableTest.table(API, "GET /", "GET /notes/{id}", "POST /notes",
            "ANY /files/{proxy+}");
    private static final RestEventBuilder BUILDER = new RestEventBuilder("gh0rest001", "prod", "123456789012",
            "eu-west-1");

    private static JsonNode event(String method, String rawPath, String rawQuery, byte[] body, Credentials caller,
                                  String... headers) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            list.add(Map.entry(headers[i], headers[i + 1]));
        }
        IncomingRequest request = new IncomingRequest(method, rawPath, rawQuery, list, body, "203.0.113.7",
                "HTTP/1.1", RECEIVED);
        RouteMatch match = ROUTES.match(request).orElseThrow();
        return BUILDER.build(request, match, ROUTES.routePath(request).orElseThrow(), "c0ffee00-0000-4000-8000-000000000001",
                "Mc7UVioPPHcEKPA=", caller);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.textValue()));
        return out;
    }

    @Test
    void repeated_headers_and_query_names_give_the_last_value_and_every_value() {
        JsonNode e = event("GET", "/prod/notes/n%201", "tag=a&tag=b&q=x%20y+z", new byte[0], null,
                "Host", "gh0rest001.execute-api.eu-west-1.amazonaws.com", "X-Tag", "one", "X-Tag", "two",
                "User-Agent", "curl/7", "User-Agent", "curl/8");
        assertEquals("two", e.at("/headers/X-Tag").textValue(), "header names as sent, the last value");
        assertEquals(List.of("one", "two"), texts(e.at("/multiValueHeaders/X-Tag")));
        assertEquals("b", e.at("/queryStringParameters/tag").textValue());
        assertEquals("x y z", e.at("/queryStringParameters/q").textValue());
        assertEquals(List.of("a", "b"), texts(e.at("/multiValueQueryStringParameters/tag")));
        assertEquals(List.of("x y z"), texts(e.at("/multiValueQueryStringParameters/q")));
        assertEquals("n 1", e.at("/pathParameters/id").textValue());
        assertEquals("/notes/n 1", e.get("path").textValue());
        assertEquals("/notes/{id}", e.get("resource").textValue());
        assertEquals("GET", e.get("httpMethod").textValue());
        assertEquals("curl/8", e.at("/requestContext/identity/userAgent").textValue());
    }

    @Test
    void absent_parts_are_null() {
        JsonNode e = event("POST", "/prod/notes", null, new byte[0], null);
        assertTrue(e.get("queryStringParameters").isNull());
        assertTrue(e.get("multiValueQueryStringParameters").isNull());
        assertTrue(e.get("pathParameters").isNull());
        assertTrue(e.get("stageVariables").isNull());
        assertTrue(e.get("body").isNull());
        assertFalse(e.get("isBase64Encoded").booleanValue());
        assertTrue(event("POST", "/prod/notes", "", new byte[0], null).get("queryStringParameters").isNull());
    }

    @Test
    void a_body_is_utf8_text_never_base64() {
        JsonNode e = event("POST", "/prod/notes", null, "{\"content\":\"héllo\"}".getBytes(StandardCharsets.UTF_8),
                null, "Content-Type", "application/octet-stream");
        assertEquals("{\"content\":\"héllo\"}", e.get("body").textValue());
        assertTrue(e.get("isBase64Encoded").isBoolean());
        assertFalse(e.get("isBase64Encoded").booleanValue());
    }

    @Test
    void the_request_context_names_the_api_stage_resource_and_request() {
        JsonNode c = event("GET", "/prod/notes/n-1", null, new byte[0], COGNITO_CALLER).get("requestContext");
        assertEquals("123456789012", c.get("accountId").textValue());
        assertEquals("gh0rest001", c.get("apiId").textValue());
        assertEquals("gh0rest001.execute-api.eu-west-1.amazonaws.com", c.get("domainName").textValue());
        assertEquals("gh0rest001", c.get("domainPrefix").textValue());
        assertEquals("Mc7UVioPPHcEKPA=", c.get("extendedRequestId").textValue());
        assertEquals("c0ffee00-0000-4000-8000-000000000001", c.get("requestId").textValue());
        assertEquals("GET", c.get("httpMethod").textValue());
        assertEquals("/prod/notes/n-1", c.get("path").textValue(), "with the stage");
        assertEquals("HTTP/1.1", c.get("protocol").textValue());
        assertEquals("12/Mar/2020:19:03:58 +0000", c.get("requestTime").textValue());
        assertEquals(RECEIVED.toEpochMilli(), c.get("requestTimeEpoch").longValue());
        assertEquals("/notes/{id}", c.get("resourcePath").textValue());
        assertEquals("prod", c.get("stage").textValue());
        assertEquals(RestEventBuilder.resourceId("/notes/{id}"), c.get("resourceId").textValue());
        assertEquals(COGNITO_CALLER.accessKeyId(), c.at("/identity/accessKey").textValue());
        assertEquals("203.0.113.7", c.at("/identity/sourceIp").textValue());
    }

    @Test
    void the_root_resource_has_the_stage_and_a_slash_as_its_path() {
        JsonNode e = event("GET", "/prod", null, new byte[0], null);
        assertEquals("/", e.get("resource").textValue());
        assertEquals("/", e.get("path").textValue());
        assertEquals("/prod/", e.at("/requestContext/path").textValue());
    }

    @Test
    void resource_ids_are_ten_letters_or_digits_stable_per_resource_and_distinct() {
        String notes = RestEventBuilder.resourceId("/notes/{id}");
        assertTrue(notes.matches("[0-9a-z]{10}"), notes);
        assertEquals(notes, RestEventBuilder.resourceId("/notes/{id}"));
        assertNotEquals(notes, RestEventBuilder.resourceId("/notes"));
        assertNotEquals(RestEventBuilder.resourceId("/"), RestEventBuilder.resourceId("/files/{proxy+}"));
    }

    @Test
    void host_and_forwarding_headers_are_the_gateways_as_on_aws_whatever_the_client_sent() {
        JsonNode h = event("GET", "/prod/notes/n-1", null, new byte[0], null, "host", "localhost:8421",
                "x-forwarded-for", "198.51.100.1", "X-Forwarded-Proto", "http", "x-forwarded-port", "8421")
                .get("headers");
        assertEquals("gh0rest001.execute-api.eu-west-1.amazonaws.com", h.get("Host").textValue(),
                "the API's domain, not the local connection's");
        assertEquals("198.51.100.1, 203.0.113.7", h.get("X-Forwarded-For").textValue());
        assertEquals("443", h.get("X-Forwarded-Port").textValue());
        assertEquals("https", h.get("X-Forwarded-Proto").textValue());
        assertFalse(h.has("host") || h.has("x-forwarded-for") || h.has("x-forwarded-port")
                || h.has("x-forwarded-proto"), "one header each: " + h);
        assertTrue(h.get("X-Amzn-Trace-Id").textValue().matches("Root=1-5e6a879e-[0-9a-f]{24}"),
                h.get("X-Amzn-Trace-Id").textValue());
        JsonNode multi = event("GET", "/prod/notes/n-1", null, new byte[0], null, "Host", "localhost:8421")
                .get("multiValueHeaders");
        assertEquals(List.of("203.0.113.7"), texts(multi.get("X-Forwarded-For")));
    }

    @Test
    void a_trace_id_the_client_sent_is_kept() {
        JsonNode h = event("GET", "/prod/notes/n-1", null, new byte[0], null, "Host", "localhost",
                "X-Amzn-Trace-Id", "Root=1-mine").get("headers");
        assertEquals("Root=1-mine", h.get("X-Amzn-Trace-Id").textValue());
    }

    @Test
    void the_builder_of_a_configuration_takes_its_api_stage_account_and_region() {
        GatehouseConfig config = new GatehouseConfig(null, "eu-west-1", "210987654321", API,
                new GatehouseConfig.FunctionDefaults(10, 512, Map.of()), List.of(), List.of(), null, null, null,
                List.of());
        IncomingRequest request = EventFixtures.request("GET", "/prod/notes/n-1", null, List.of(), new byte[0]);
        JsonNode c = RestEventBuilder.of(config).build(request, ROUTES.match(request).orElseThrow(), "/notes/n-1",
                "r", "x", null).get("requestContext");
        assertEquals("210987654321", c.get("accountId").textValue());
        assertEquals("gh0rest001.execute-api.eu-west-1.amazonaws.com", c.get("domainName").textValue());
        assertEquals("prod", c.get("stage").textValue());
        assertTrue(c.at("/identity/userAgent").isNull(), "no User-Agent: null");
    }
}
