package dev.gatehouse.emulator.apigateway;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The answers a REST API gives itself, as a client reads them. */
class RestErrorsTest {

    private static void assertJson(GatewayResponse r, int status, String body, String errorType) {
        assertEquals(status, r.status());
        assertEquals(body, r.bodyText());
        assertEquals("application/json", r.header("content-type"));
        assertEquals(errorType, r.header(GatewayErrors.ERROR_TYPE_HEADER));
    }

    @Test
    void each_refusal_has_the_rest_apis_status_message_and_error_type() {
        assertJson(RestErrors.missingAuthenticationToken(), 403, "{\"message\":\"Missing Authentication Token\"}",
                "MissingAuthenticationTokenException");
        assertJson(RestErrors.requestTooLong(), 413, "{\"message\":\"Request Too Long\"}", "BadRequestException");
        assertJson(RestErrors.internalServerError(), 502, "{\"message\":\"Internal server error\"}",
                "InternalServerErrorException");
        assertJson(RestErrors.endpointRequestTimedOut(), 504, "{\"message\":\"Endpoint request timed out\"}", null);
    }

    @Test
    void a_body_over_10_mb_is_answered_in_plain_text() {
        GatewayResponse r = RestErrors.contentLengthExceeded();
        assertEquals(413, r.status());
        assertEquals("HTTP content length exceeded 10485760 bytes.", r.bodyText());
        assertEquals(List.of(Map.entry("content-type", "text; charset=utf-8")), r.headers());
    }

    @Test
    void a_policy_denial_masks_the_account_in_the_resource_arn_only() {
        String arn = "arn:aws:execute-api:us-east-1:123456789012:gh0rest001/prod/GET/notes/n-1";
        String denial = "User: arn:aws:sts::123456789012:assumed-role/r/CognitoIdentityCredentials is not authorized"
                + " to perform: execute-api:Invoke on resource: " + arn + " with an explicit deny";
        GatewayResponse r = RestErrors.accessDenied(denial, arn, "123456789012");
        assertEquals(403, r.status());
        assertEquals("{\"Message\":\"User: arn:aws:sts::123456789012:assumed-role/r/CognitoIdentityCredentials is not"
                + " authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:"
                + "gh0rest001/prod/GET/notes/n-1 with an explicit deny\"}", r.bodyText());
        assertEquals("application/json", r.header("content-type"));
        assertEquals("AccessDeniedException", r.header(GatewayErrors.ERROR_TYPE_HEADER));
    }

    @Test
    void a_masked_account_keeps_its_last_four_digits() {
        assertEquals("********9012", RestErrors.maskedAccount("123456789012"));
        assertEquals("********12", RestErrors.maskedAccount("12"));
        assertEquals("********1234", RestErrors.maskedAccount("1234"));
    }

    @Test
    void the_two_request_ids_are_added_after_the_answers_own_headers() {
        GatewayResponse r = RestErrors.withRequestIds(RestErrors.requestTooLong(), "uuid-1", "ext-1");
        assertEquals(List.of(Map.entry("content-type", "application/json"),
                Map.entry(GatewayErrors.ERROR_TYPE_HEADER, "BadRequestException"),
                Map.entry("x-amzn-RequestId", "uuid-1"), Map.entry("x-amz-apigw-id", "ext-1")), r.headers());
        assertEquals(413, r.status());
        assertEquals("{\"message\":\"Request Too Long\"}", r.bodyText());
        assertNull(RestErrors.contentLengthExceeded().header(GatewayErrors.ERROR_TYPE_HEADER));
    }
}
