package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.http.IncomingRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayErrorsTest {

    @Test
    void error_responses_are_json_messages_with_the_status_api_gateway_uses() {
        assertError(GatewayErrors.notFound(), 404, "{\"message\":\"Not Found\"}");
        assertError(GatewayErrors.requestTooLarge(), 413, "{\"message\":\"Request Entity Too Large\"}");
        assertError(GatewayErrors.internalError(), 500, "{\"message\":\"Internal Server Error\"}");
        assertError(GatewayErrors.serviceUnavailable(), 503, "{\"message\":\"Service Unavailable\"}");
        assertNull(GatewayErrors.notFound().header("x-amzn-ErrorType"));
    }

    @Test
    void forbidden_carries_the_error_type_and_optionally_aws_message() {
        GatewayResponse plain = GatewayErrors.forbidden("AccessDeniedException");
        assertError(plain, 403, "{\"message\":\"Forbidden\"}");
        assertEquals("AccessDeniedException", plain.header("x-amzn-errortype"));
        GatewayResponse detailed = GatewayErrors.forbidden("InvalidSignatureException",
                "The request signature we calculated does not match.\n\n'GET\n/notes'\n");
        assertError(detailed, 403,
                "{\"message\":\"The request signature we calculated does not match.\\n\\n'GET\\n/notes'\\n\"}");
        assertEquals("InvalidSignatureException", detailed.header(GatewayErrors.ERROR_TYPE_HEADER));
    }

    @Test
    void the_request_id_header_is_added_by_the_caller() {
        GatewayResponse r = GatewayErrors.notFound().withHeader(GatewayErrors.REQUEST_ID_HEADER, "Mc7UVioPPHcEKPA=");
        assertEquals("Mc7UVioPPHcEKPA=", r.header("apigw-requestid"));
        assertEquals(404, r.status());
    }

    @Test
    void requests_over_the_http_api_limits_get_413() {
        assertEquals(Optional.empty(), GatewayLimits.check(request(List.of(), new byte[GatewayLimits.MAX_PAYLOAD_BYTES])));
        assertEquals(413, GatewayLimits.check(request(List.of(), new byte[GatewayLimits.MAX_PAYLOAD_BYTES + 1]))
                .orElseThrow().status());
        // "GET /notes HTTP/1.1\r\n" is 21 bytes; one header line is name + ": " + value + "\r\n"
        int room = GatewayLimits.MAX_REQUEST_LINE_AND_HEADERS_BYTES - 21 - "x: \r\n".length();
        assertEquals(Optional.empty(), GatewayLimits.check(request(List.of(Map.entry("x", "v".repeat(room))), new byte[0])));
        assertTrue(GatewayLimits.check(request(List.of(Map.entry("x", "v".repeat(room + 1))), new byte[0])).isPresent());
    }

    @Test
    void the_reason_header_is_one_line_of_printable_ascii_at_most_1000_characters() {
        assertEquals("CODE: first line second line caf?", GatewayErrors.reason("CODE", "first line\r\nsecond line caf\u00e9"));
        assertEquals("CODE", GatewayErrors.reason("CODE", null));
        String longReason = GatewayErrors.reason("CODE", "x".repeat(2000));
        assertEquals(1000, longReason.length());
        assertEquals("CODE: " + "x".repeat(994), longReason);
        assertEquals(1000, GatewayErrors.reason("C", "x".repeat(997)).length(), "exactly 1000 is kept whole");
    }

    @Test
    void a_response_names_its_status_and_sizes_without_its_body() {
        GatewayResponse r = GatewayErrors.notFound().withHeader("x-a", "1");
        assertEquals("GatewayResponse[404, 2 headers, 23 bytes]", r.toString());
        assertEquals(List.of(), r.headerValues("x-none"));
        assertEquals(0, new GatewayResponse(204, List.of(), null).body().length);
    }

    private static IncomingRequest request(List<Map.Entry<String, String>> headers, byte[] body) {
        return new IncomingRequest("GET", "/notes", null, headers, body, "127.0.0.1", "HTTP/1.1", Instant.EPOCH);
    }

    private static void assertError(GatewayResponse r, int status, String body) {
        assertEquals(status, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals(body, r.bodyText());
    }
}
