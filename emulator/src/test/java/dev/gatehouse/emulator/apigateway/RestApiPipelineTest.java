package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.lambda.Invocation;
import dev.gatehouse.emulator.sigv4.RefusalReason;
import dev.gatehouse.emulator.sigv4.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.gatehouse.emulator.apigateway.GatewayParts.AUTH_ROLE_ARN;
import static dev.gatehouse.emulator.apigateway.GatewayParts.Call;
import static dev.gatehouse.emulator.apigateway.GatewayParts.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A REST API call through {@link RestApiPipeline} with real parts: the REST API's own refusals (403 Missing
 * Authentication Token, the signature's AWS message, the policy denial's {@code Message} with the masked account, the
 * 413s), the function's answer, error and timeout (502), and the two request id headers on every answer.
 */
class RestApiPipelineTest {
    private static final String EXTENDED_ID = "Mc7UVioPPHcEKPA=";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static GatewayParts parts;

    @BeforeAll
    static void start() {
        parts = new GatewayParts(new GatehouseConfig.Api(GatewayParts.API_ID, "prod", GatehouseConfig.Api.Type.REST),
                route("GET /notes/{id}", PipelineHandlers.Probe.class, "AWS_IAM"),
                route("DELETE /notes/{id}", PipelineHandlers.Probe.class, "AWS_IAM"),
                route("POST /open", PipelineHandlers.Probe.class, "NONE"),
                route("POST /size", PipelineHandlers.Size.class, "NONE"),
                route("GET /fails", PipelineHandlers.Fails.class, "NONE"),
                route("GET /slow", PipelineHandlers.Sleeps.class, "NONE", 1),
                route("GET /malformed", PipelineHandlers.Malformed.class, "NONE"));
    }

    @AfterAll
    static void stop() {
        if (parts != null) {
            parts.close();
        }
    }

    private static ApiOutcome send(IncomingRequest request) {
        return parts.pipeline.handle(request, EXTENDED_ID);
    }

    /** Both ids: a fresh UUID in {@code x-amzn-RequestId}, Gatehouse's id in {@code x-amz-apigw-id}. */
    private static void assertRequestIds(GatewayResponse r) {
        assertEquals(1, r.headerValues(RestErrors.REQUEST_ID_HEADER).size(), r.headers().toString());
        assertTrue(r.header(RestErrors.REQUEST_ID_HEADER).matches(UUID_PATTERN), r.header(RestErrors.REQUEST_ID_HEADER));
        assertEquals(List.of(EXTENDED_ID), r.headerValues(RestErrors.EXTENDED_REQUEST_ID_HEADER));
    }

    private static void assertRefusal(GatewayResponse r, int status, String body, String errorType) {
        assertEquals(status, r.status(), r.bodyText());
        assertEquals(body, r.bodyText());
        assertEquals(errorType, r.header(GatewayErrors.ERROR_TYPE_HEADER));
        assertRequestIds(r);
    }

    private static void assertMissingAuthenticationToken(GatewayResponse r) {
        assertRefusal(r, 403, "{\"message\":\"Missing Authentication Token\"}", "MissingAuthenticationTokenException");
        assertEquals("application/json", r.header("content-type"));
    }

    private static void assertInternalServerError(GatewayResponse r) {
        assertRefusal(r, 502, "{\"message\":\"Internal server error\"}", "InternalServerErrorException");
    }

    @Test
    void the_pipeline_of_a_rest_api_is_the_rest_apis() {
        assertInstanceOf(RestApiPipeline.class, parts.pipeline);
    }

    @Test
    void a_body_over_10_mb_is_413_in_plain_text_and_10_mb_is_not() {
        ApiOutcome over = send(Call.of("POST", "/prod/open").body(new byte[GatewayLimits.MAX_PAYLOAD_BYTES + 1])
                .unsigned());
        assertRefusal(over.response(), 413, "HTTP content length exceeded 10485760 bytes.", null);
        assertEquals("text; charset=utf-8", over.response().header("content-type"));
        assertNull(over.match());
        GatewayParts.assertNotInvoked(over);
        ApiOutcome limit = send(Call.of("POST", "/prod/nowhere").body(new byte[GatewayLimits.MAX_PAYLOAD_BYTES])
                .unsigned());
        assertMissingAuthenticationToken(limit.response());
    }

    @Test
    void request_line_and_headers_over_10240_bytes_are_413_request_too_long() {
        IncomingRequest small = Call.of("GET", "/prod/nowhere").unsigned();
        int room = GatewayLimits.MAX_REQUEST_LINE_AND_HEADERS_BYTES - GatewayLimits.requestLineAndHeadersBytes(small)
                - "X-Big: \r\n".length();
        assertMissingAuthenticationToken(send(Call.of("GET", "/prod/nowhere").header("X-Big", "a".repeat(room))
                .unsigned()).response());
        ApiOutcome over = send(Call.of("GET", "/prod/nowhere").header("X-Big", "a".repeat(room + 1)).unsigned());
        assertRefusal(over.response(), 413, "{\"message\":\"Request Too Long\"}", "BadRequestException");
        assertNull(over.match());
    }

    @Test
    void no_resource_or_a_wrong_stage_is_403_missing_authentication_token() {
        ApiOutcome noResource = send(Call.of("GET", "/prod/nothing").signedBy(parts.alice));
        assertMissingAuthenticationToken(noResource.response());
        assertNull(noResource.match());
        assertNull(noResource.verdict());
        assertMissingAuthenticationToken(send(Call.of("POST", "/test/open").unsigned()).response());
        assertMissingAuthenticationToken(send(Call.of("POST", "/open").unsigned()).response());
    }

    @Test
    void every_answer_has_a_new_request_id() {
        String first = send(Call.of("GET", "/prod/nothing").unsigned()).response().header(RestErrors.REQUEST_ID_HEADER);
        String second = send(Call.of("GET", "/prod/nothing").unsigned()).response().header(RestErrors.REQUEST_ID_HEADER);
        assertNotEquals(first, second);
    }

    @Test
    void an_unsigned_call_to_an_iam_method_is_403_missing_authentication_token_with_the_reason() {
        ApiOutcome o = send(Call.of("GET", "/prod/notes/n-1").unsigned());
        assertMissingAuthenticationToken(o.response());
        assertTrue(o.response().header(GatewayErrors.REASON_HEADER).startsWith("MISSING_AUTHENTICATION: "),
                o.response().header(GatewayErrors.REASON_HEADER));
        assertEquals("GET /notes/{id}", o.match().routeKey().toString());
        assertEquals(RefusalReason.MISSING_AUTHENTICATION, ((Verdict.Refused) o.verdict()).reason());
        GatewayParts.assertNotInvoked(o);
    }

    @Test
    void a_call_changed_after_signing_is_403_with_awss_signature_message() {
        IncomingRequest signed = Call.of("GET", "/prod/notes/n-1").query("tag", "a").signedBy(parts.alice);
        IncomingRequest changed = new IncomingRequest(signed.method(), signed.rawPath(), "tag=b", signed.headers(),
                signed.body(), signed.sourceIp(), signed.protocol(), signed.receivedAt());
        ApiOutcome o = send(changed);
        Verdict.Refused refused = (Verdict.Refused) o.verdict();
        assertEquals(RefusalReason.SIGNATURE_MISMATCH, refused.reason());
        assertEquals(GatewayParts.json(o.response().bodyText()).get("message").textValue(), refused.awsMessage());
        assertTrue(refused.awsMessage().startsWith("The request signature we calculated does not match the signature"
                + " you provided."), refused.awsMessage());
        assertRefusal(o.response(), 403, "{\"message\":" + JsonText.quote(refused.awsMessage()) + "}",
                "InvalidSignatureException");
        assertTrue(o.response().header(GatewayErrors.REASON_HEADER).startsWith("SIGNATURE_MISMATCH: "));
        GatewayParts.assertNotInvoked(o);
    }

    @Test
    void credentials_gatehouse_never_issued_are_403_the_security_token_is_invalid() {
        Credentials stranger = new Credentials("ASIAUNKNOWNKEY000001", "secret", "token", null,
                parts.alice.principal());
        ApiOutcome o = send(Call.of("GET", "/prod/notes/n-1").signedBy(stranger));
        assertRefusal(o.response(), 403, "{\"message\":\"The security token included in the request is invalid.\"}",
                "AccessDeniedException");
        assertTrue(o.response().header(GatewayErrors.REASON_HEADER).startsWith("UNRECOGNIZED_CLIENT: "));
    }

    @Test
    void a_call_the_role_policy_denies_is_403_with_iams_message_and_the_account_masked() {
        ApiOutcome o = send(Call.of("DELETE", "/prod/notes/n-1").signedBy(parts.alice));
        String denial = "User: " + AUTH_ROLE_ARN + " is not authorized to perform: execute-api:Invoke on resource:"
                + " arn:aws:execute-api:us-east-1:123456789012:gh0notes01/prod/DELETE/notes/n-1 with an explicit deny";
        assertRefusal(o.response(), 403, "{\"Message\":\"User: " + AUTH_ROLE_ARN + " is not authorized to perform:"
                + " execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:gh0notes01/prod/DELETE/"
                + "notes/n-1 with an explicit deny\"}", "AccessDeniedException");
        assertEquals("ACCESS_DENIED: " + denial, o.response().header(GatewayErrors.REASON_HEADER));
        assertEquals(denial, o.denial(), "the record keeps the full account");
        assertSame(parts.alice, o.caller());
        GatewayParts.assertNotInvoked(o);
        ApiOutcome bob = send(Call.of("GET", "/prod/notes/n-1").signedBy(parts.bob));
        assertEquals(403, bob.response().status());
        assertTrue(bob.denial().endsWith("because no identity-based policy allows the execute-api:Invoke action"),
                bob.denial());
    }

    @Test
    void an_allowed_signed_call_reaches_the_function_with_a_payload_1_event_naming_both_ids() {
        ApiOutcome o = send(Call.of("GET", "/prod/notes/n-1").query("tag", "a").query("tag", "b")
                .signedBy(parts.alice));
        GatewayResponse r = o.response();
        assertEquals(200, r.status(), r.bodyText());
        assertEquals("function", r.header("x-from"));
        assertRequestIds(r);
        JsonNode event = GatewayParts.json(r.bodyText());
        assertEquals("/notes/{id}", event.get("resource").textValue());
        assertEquals("/notes/n-1", event.get("path").textValue(), "the path without the stage");
        assertEquals("/prod/notes/n-1", event.at("/requestContext/path").textValue());
        assertEquals("n-1", event.at("/pathParameters/id").textValue());
        assertEquals("b", event.at("/queryStringParameters/tag").textValue());
        assertEquals(r.header(RestErrors.REQUEST_ID_HEADER), event.at("/requestContext/requestId").textValue());
        assertEquals(EXTENDED_ID, event.at("/requestContext/extendedRequestId").textValue());
        assertEquals(GatewayParts.ALICE.identityId(), event.at("/requestContext/identity/cognitoIdentityId")
                .textValue());
        assertEquals(parts.alice.accessKeyId(), event.at("/requestContext/identity/accessKey").textValue());
        assertEquals(event, GatewayParts.json(o.event().toString()));
        assertSame(parts.alice, o.caller());
        assertTrue(o.verdict().accepted());
        assertEquals(Invocation.Outcome.SUCCESS, o.invocation().outcome());
    }

    @Test
    void the_developers_iam_user_may_call_every_method() {
        ApiOutcome o = send(Call.of("DELETE", "/prod/notes/n-1").signedBy(parts.developer));
        assertEquals(200, o.response().status(), o.response().bodyText());
        assertNull(o.denial());
    }

    @Test
    void a_method_without_authorization_runs_for_an_unsigned_call_with_no_identity() {
        ApiOutcome o = send(Call.of("POST", "/prod/open").unsigned());
        assertEquals(200, o.response().status());
        assertNull(o.verdict());
        assertNull(o.caller());
        assertTrue(GatewayParts.json(o.response().bodyText()).at("/requestContext/identity/accessKey").isNull());
    }

    @Test
    void an_event_over_lambdas_6_mb_is_413_request_too_long_but_6_mb_runs() {
        ApiOutcome small = send(text(100));
        int smallEvent = small.event().toString().getBytes(StandardCharsets.UTF_8).length;
        assertEquals(String.valueOf(smallEvent), small.response().bodyText());
        int atLimit = 100 + GatewayLimits.MAX_FUNCTION_EVENT_BYTES - smallEvent;
        ApiOutcome limit = send(text(atLimit));
        assertEquals(String.valueOf(GatewayLimits.MAX_FUNCTION_EVENT_BYTES), limit.response().bodyText());
        ApiOutcome over = send(text(atLimit + 1));
        assertRefusal(over.response(), 413, "{\"message\":\"Request Too Long\"}", "BadRequestException");
        assertEquals("POST /size", over.match().routeKey().toString());
        GatewayParts.assertNotInvoked(over);
    }

    private static IncomingRequest text(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'a');
        return Call.of("POST", "/prod/size").header("Content-Type", "text/plain").body(body).unsigned();
    }

    @Test
    void a_function_error_is_502_internal_server_error() {
        ApiOutcome o = send(Call.of("GET", "/prod/fails").unsigned());
        assertInternalServerError(o.response());
        assertEquals(Invocation.Outcome.ERROR, o.invocation().outcome());
    }

    @Test
    void a_function_past_its_own_timeout_under_29_seconds_is_502() {
        ApiOutcome o = send(Call.of("GET", "/prod/slow").unsigned());
        assertInternalServerError(o.response());
        assertEquals(Invocation.Outcome.TIMED_OUT, o.invocation().outcome());
    }

    @Test
    void a_malformed_function_answer_is_502() {
        ApiOutcome o = send(Call.of("GET", "/prod/malformed").unsigned());
        assertInternalServerError(o.response());
        assertEquals(Invocation.Outcome.SUCCESS, o.invocation().outcome());
    }

    @Test
    void a_preflight_without_an_options_method_is_403_as_on_aws() {
        assertMissingAuthenticationToken(send(Call.of("OPTIONS", "/prod/open").header("Origin", "https://a.example")
                .header("Access-Control-Request-Method", "POST").unsigned()).response());
    }

    @Test
    void a_body_too_large_to_read_is_413_with_both_request_ids() {
        GatewayResponse r = parts.pipeline.bodyTooLarge(EXTENDED_ID);
        assertRefusal(r, 413, "HTTP content length exceeded 10485760 bytes.", null);
    }
}
