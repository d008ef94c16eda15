package dev.gatehouse.emulator.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ResponseMapperTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ResponseMapper mapper = new ResponseMapper();

    private GatewayResponse map(String output) {
        return mapper.map(output.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInternalError(GatewayResponse r) {
        assertEquals(500, r.status());
        assertEquals("{\"message\":\"Internal Server Error\"}", r.bodyText());
        assertEquals("application/json", r.header("content-type"));
    }

    @Test
    void a_java_events_response_serialized_by_jackson_is_mapped() throws Exception {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json", "X-Note", "n1"))
                .withBody("{\"noteId\":\"n1\"}")
                .build();
        GatewayResponse r = mapper.map(MAPPER.writeValueAsBytes(response)); // nulls for cookies and multiValueHeaders
        assertEquals(201, r.status());
        assertEquals("application/json", r.header("content-type"));
        assertEquals("n1", r.header("x-note"));
        assertEquals("{\"noteId\":\"n1\"}", r.bodyText());
    }

    @Test
    void multi_value_headers_and_cookies_become_repeated_headers() throws Exception {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Vary", "Accept", "X-Single", "s"))
                .withMultiValueHeaders(Map.of("Vary", List.of("Origin", "Accept-Encoding"), "X-Multi", List.of("a", "b")))
                .withCookies(List.of("session=abc; HttpOnly; Secure", "theme=dark"))
                .withBody("ok")
                .build();
        GatewayResponse r = mapper.map(MAPPER.writeValueAsBytes(response));
        assertEquals(List.of("Origin", "Accept-Encoding"), r.headerValues("vary"),
                "a name in both: only the multiValueHeaders values");
        assertEquals(List.of("a", "b"), r.headerValues("x-multi"));
        assertEquals(List.of("s"), r.headerValues("x-single"));
        assertEquals(List.of("session=abc; HttpOnly; Secure", "theme=dark"), r.headerValues("set-cookie"));
        assertEquals("ok", r.bodyText());
    }

    @Test
    void a_base64_body_is_decoded() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "image/png"))
                .withBody(Base64.getEncoder().encodeToString(png))
                .withIsBase64Encoded(true)
                .build();
        String json = MAPPER.writeValueAsString(response);
        GatewayResponse r = map(json);
        assertArrayEquals(png, r.body(), json);
    }

    @Test
    void valid_json_without_status_code_is_an_inferred_200() {
        GatewayResponse object = map("{\"message\": \"x\"}");
        assertEquals(200, object.status());
        assertEquals("application/json", object.header("content-type"));
        assertEquals("{\"message\": \"x\"}", object.bodyText());
        assertEquals("Hello", map("\"Hello\"").bodyText(), "a JSON string gives its text");
        assertEquals("[1,2]", map("[1,2]").bodyText());
        assertEquals("42", map("42").bodyText());
        assertEquals("true", map("true").bodyText());
        GatewayResponse nothing = map("null");
        assertEquals(200, nothing.status(), "a Java handler that returns null");
        assertEquals("null", nothing.bodyText());
    }

    @Test
    void a_minimal_structured_response_has_no_body_and_no_added_headers() {
        GatewayResponse r = map("{\"statusCode\": 204}");
        assertEquals(204, r.status());
        assertEquals(0, r.body().length);
        assertEquals(List.of(), r.headers());
        assertEquals("", map("{\"statusCode\":200,\"body\":null,\"headers\":null,\"cookies\":null,"
                + "\"isBase64Encoded\":null}").bodyText());
    }

    @Test
    void scalar_header_values_are_sent_as_text_and_framing_headers_are_dropped() {
        GatewayResponse r = map("{\"statusCode\":200,\"headers\":{\"x-count\":3,\"x-flag\":true,"
                + "\"Content-Length\":\"999\",\"Transfer-Encoding\":\"chunked\"},\"body\":\"abc\"}");
        assertEquals("3", r.header("x-count"));
        assertEquals("true", r.header("x-flag"));
        assertNull(r.header("content-length"));
        assertNull(r.header("transfer-encoding"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "",
            "{\"statusCode\": 200",
            "{\"statusCode\": 200} trailing",
            "{\"statusCode\": \"200\"}",
            "{\"statusCode\": 200.5}",
            "{\"statusCode\": 99}",
            "{\"statusCode\": 600}",
            "{\"statusCode\": 200, \"multiValueHeaders\": \"a\"}",
            "{\"statusCode\": 200, \"headers\": {\"a\\u007fb\": \"x\"}}",
            "{\"statusCode\": 200, \"headers\": {\"(a\": \"x\"}}",
            "{\"statusCode\": 200, \"headers\": {\" a\": \"x\"}}",
            "{\"statusCode\": 99999999999}",
            "{\"statusCode\": null}",
            "{\"statusCode\": 200, \"body\": {\"a\": 1}}",
            "{\"statusCode\": 200, \"body\": 5}",
            "{\"statusCode\": 200, \"body\": \"%%%\", \"isBase64Encoded\": true}",
            "{\"statusCode\": 200, \"isBase64Encoded\": \"yes\"}",
            "{\"statusCode\": 200, \"headers\": [\"a\"]}",
            "{\"statusCode\": 200, \"headers\": {\"a\": {\"b\": 1}}}",
            "{\"statusCode\": 200, \"headers\": {\"a\": [\"b\"]}}",
            "{\"statusCode\": 200, \"headers\": {\"bad name\": \"x\"}}",
            "{\"statusCode\": 200, \"headers\": {\"x\": \"a\\r\\nInjected: 1\"}}",
            "{\"statusCode\": 200, \"multiValueHeaders\": {\"a\": \"b\"}}",
            "{\"statusCode\": 200, \"multiValueHeaders\": {\"a\": [{}]}}",
            "{\"statusCode\": 200, \"cookies\": \"a=1\"}",
            "{\"statusCode\": 200, \"cookies\": [1]}",
    })
    void a_malformed_output_is_a_500(String output) {
        assertInternalError(map(output));
    }

    @Test
    void status_codes_from_100_to_599_are_taken() {
        assertEquals(100, map("{\"statusCode\": 100}").status());
        assertEquals(599, map("{\"statusCode\": 599}").status());
    }

    @Test
    void a_rest_api_takes_only_an_object_with_a_status_code_and_the_five_proxy_members() {
        ResponseMapper rest = ResponseMapper.restApi();
        GatewayResponse ok = rest.map(("{\"statusCode\": 201, \"headers\": {\"x-a\": \"1\"}, \"multiValueHeaders\":"
                + " {\"x-b\": [\"2\", \"3\"]}, \"body\": \"aGk=\", \"isBase64Encoded\": true}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, ok.status());
        assertEquals("hi", ok.bodyText());
        assertEquals(List.of(Map.entry("x-a", "1"), Map.entry("x-b", "2"), Map.entry("x-b", "3")), ok.headers());
        for (String malformed : List.of("{\"statusCode\": 200, \"cookies\": [\"a=1\"]}", "{\"body\": \"x\"}",
                "\"text\"", "[1]", "not json")) {
            GatewayResponse r = rest.map(malformed.getBytes(StandardCharsets.UTF_8));
            assertEquals(502, r.status(), malformed);
            assertEquals("{\"message\":\"Internal server error\"}", r.bodyText(), malformed);
        }
    }

    @Test
    void no_output_is_a_500() {
        assertInternalError(mapper.map(null));
    }

    @Test
    void an_output_over_lambdas_6_mb_limit_is_a_500() {
        byte[] big = new byte[GatewayLimits.MAX_FUNCTION_RESPONSE_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '"';
        big[big.length - 1] = '"';
        assertInternalError(mapper.map(big));
        byte[] fits = Arrays.copyOf(big, GatewayLimits.MAX_FUNCTION_RESPONSE_BYTES);
        fits[fits.length - 1] = '"';
        assertEquals(200, mapper.map(fits).status());
    }
}
