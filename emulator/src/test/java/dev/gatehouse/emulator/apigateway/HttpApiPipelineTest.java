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
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static dev.gatehouse.emulator.apigateway.GatewayParts.AUTH_ROLE_ARN;
import static dev.gatehouse.emulator.apigateway.GatewayParts.Call;
import static dev.gatehouse.emulator.apigateway.GatewayParts.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An HTTP API call through {@link HttpApiPipeline} with real parts: each step's refusal as the client sees it (status,
 * body, error type, request id, Gatehouse's reason, CORS headers), and the function's answer, error and timeout.
 */
class HttpApiPipelineTest {
    private static final String ID = "Mc7UVioPPHcEKPA=";
    private static final String APP = "https://app.example.com";
    private static final GatehouseConfig.Cors CORS = new GatehouseConfig.Cors(List.of(APP, "http://*"),
            List.of("GET", "POST"), List.of("authorization", "content-type"), List.of("x-request-id"), 600, true);
    private static final GatehouseConfig.Route[] ROUTES = {
            route("GET /notes", PipelineHandlers.Probe.class, "AWS_IAM"),
            route("GET /notes/{id}", PipelineHandlers.Probe.class, "AWS_IAM"),
            route("DELETE /notes/{id}", PipelineHandlers.Probe.class, "AWS_IAM"),
            route("POST /open", PipelineHandlers.Probe.class, "NONE"),
            route("POST /size", PipelineHandlers.Size.class, "NONE"),
            route("GET /fails", PipelineHandlers.Fails.class, "NONE"),
            route("GET /slow", PipelineHandlers.Sleeps.class, "NONE", 1),
            route("GET /malformed", PipelineHandlers.Malformed.class, "NONE")};

    private static GatewayParts withCors;
    private static GatewayParts plain;

    @BeforeAll
    static void start() {
        withCors = new GatewayParts(new GatehouseConfig.Api(GatewayParts.API_ID, "$default", CORS), ROUTES);
        plain = new GatewayParts(new GatehouseConfig.Api(GatewayParts.API_ID, "$default"), ROUTES);
    }

    @AfterAll
    static void stop() {
        if (withCors != null) {
            withCors.close();
        }
        if (plain != null) {
            plain.close();
        }
    }

    private static ApiOutcome send(GatewayParts parts, IncomingRequest request) {
        return parts.pipeline.handle(request, ID);
    }

    private static JsonNode json(GatewayResponse r) {
        return GatewayParts.json(r.bodyText());
    }

    /** A gateway refusal: the status, {@code {"message": ...}}, its error type, and the request's id. */
    private static void assertRefusal(GatewayResponse r, int status, String message, String errorType) {
        assertEquals(status, r.status(), r.bodyText());
        assertEquals("{\"message\":\"" + message + "\"}", r.bodyText());
        assertEquals("application/json", r.header("content-type"));
        assertEquals(errorType, r.header(GatewayErrors.ERROR_TYPE_HEADER));
        assertEquals(List.of(ID), r.headerValues(GatewayErrors.REQUEST_ID_HEADER));
    }

    @Test
    void the_pipeline_of_an_http_api_is_the_http_apis() {
        assertInstanceOf(HttpApiPipeline.class, plain.pipeline);
    }

    @Test
    void a_preflight_is_answered_by_the_gateway_itself_without_route_authorizer_or_function() {
        ApiOutcome o = send(withCors, Call.of("OPTIONS", "/notes").header("Origin", APP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization").unsigned());
        GatewayResponse r = o.response();
        assertEquals(204, r.status());
        assertEquals("", r.bodyText());
        assertEquals(APP, r.header("Access-Control-Allow-Origin"));
        assertEquals("GET,POST", r.header("Access-Control-Allow-Methods"));
        assertEquals("authorization,content-type", r.header("Access-Control-Allow-Headers"));
        assertEquals("600", r.header("Access-Control-Max-Age"));
        assertEquals("true", r.header("Access-Control-Allow-Credentials"));
        assertEquals(List.of(ID), r.headerValues(GatewayErrors.REQUEST_ID_HEADER));
        assertNull(o.match(), "no route");
        assertNull(o.verdict(), "no authorizer");
        GatewayParts.assertNotInvoked(o);
    }

    @Test
    void without_cors_a_preflight_is_routed_like_any_request() {
        ApiOutcome o = send(plain, Call.of("OPTIONS", "/notes").header("Origin", APP)
                .header("Access-Control-Request-Method", "GET").unsigned());
        assertRefusal(o.response(), 404, "Not Found", null);
        assertNull(o.response().header("Access-Control-Allow-Origin"));
    }

    @Test
    void an_options_call_without_origin_or_requested_method_is_no_preflight() {
        ApiOutcome noMethod = send(withCors, Call.of("OPTIONS", "/notes").header("Origin", APP).unsigned());
        assertRefusal(noMethod.response(), 404, "Not Found", null);
        assertEquals(APP, noMethod.response().header("Access-Control-Allow-Origin"), "the refusal has CORS headers");
        ApiOutcome noOrigin = send(withCors, Call.of("OPTIONS", "/notes")
                .header("Access-Control-Request-Method", "GET").unsigned());
        assertRefusal(noOrigin.response(), 404, "Not Found", null);
        assertNull(noOrigin.response().header("Access-Control-Allow-Origin"));
    }

    @Test
    void a_body_over_10_mb_is_413_before_any_route_and_10_mb_is_not() {
        ApiOutcome over = send(plain, Call.of("POST", "/open")
                .body(new byte[GatewayLimits.MAX_PAYLOAD_BYTES + 1]).unsigned());
        assertRefusal(over.response(), 413, "Request Entity Too Large", null);
        assertNull(over.match());
        GatewayParts.assertNotInvoked(over);
        ApiOutcome limit = send(plain, Call.of("POST", "/nowhere").body(new byte[GatewayLimits.MAX_PAYLOAD_BYTES])
                .unsigned());
        assertRefusal(limit.response(), 404, "Not Found", null);
    }

    @Test
    void request_line_and_headers_over_10240_bytes_are_413() {
        IncomingRequest small = Call.of("GET", "/nowhere").unsigned();
        int room = GatewayLimits.MAX_REQUEST_LINE_AND_HEADERS_BYTES - GatewayLimits.requestLineAndHeadersBytes(small)
                - "X-Big: \r\n".length();
        IncomingRequest atLimit = Call.of("GET", "/nowhere").header("X-Big", "a".repeat(room)).unsigned();
        assertEquals(GatewayLimits.MAX_REQUEST_LINE_AND_HEADERS_BYTES,
                GatewayLimits.requestLineAndHeadersBytes(atLimit));
        assertRefusal(send(plain, atLimit).response(), 404, "Not Found", null);
        IncomingRequest over = Call.of("GET", "/nowhere").header("X-Big", "a".repeat(room + 1)).unsigned();
        assertRefusal(send(plain, over).response(), 413, "Request Entity Too Large", null);
    }

    @Test
    void the_request_line_and_header_bytes_count_every_part_as_sent() {
        IncomingRequest r = new IncomingRequest("GET", "/notes/é", "a=1", List.of(java.util.Map.entry("Host", "h"),
                java.util.Map.entry("X-A", "bé")), new byte[0], "127.0.0.1", "HTTP/1.1", Instant.EPOCH);
        // "GET /notes/é?a=1 HTTP/1.1\r\n" + "Host: h\r\n" + "X-A: bé\r\n", é being 2 bytes
        assertEquals(3 + 1 + 9 + 1 + 3 + 1 + 8 + 2 + 9 + 10, GatewayLimits.requestLineAndHeadersBytes(r));
        IncomingRequest noQuery = new IncomingRequest("GET", "/", null, List.of(), new byte[0], "127.0.0.1",
                "HTTP/1.1", Instant.EPOCH);
        assertEquals(3 + 1 + 1 + 1 + 8 + 2, GatewayLimits.requestLineAndHeadersBytes(noQuery));
    }

    @Test
    void a_path_no_route_matches_is_404_not_found() {
        ApiOutcome o = send(plain, Call.of("GET", "/nothing/here").signedBy(plain.alice));
        assertRefusal(o.response(), 404, "Not Found", null);
        assertNull(o.match());
        assertNull(o.verdict(), "no authorizer runs without a route");
    }

    @Test
    void an_unsigned_call_to_an_iam_route_is_403_forbidden_missing_authentication_token() {
        ApiOutcome o = send(plain, Call.of("GET", "/notes").unsigned());
        assertRefusal(o.response(), 403, "Forbidden", "MissingAuthenticationTokenException");
        assertTrue(o.response().header(GatewayErrors.REASON_HEADER).startsWith("MISSING_AUTHENTICATION: the request"
                + " is not signed"), o.response().header(GatewayErrors.REASON_HEADER));
        assertEquals("GET /notes", o.match().routeKey().toString());
        assertEquals(RefusalReason.MISSING_AUTHENTICATION, ((Verdict.Refused) o.verdict()).reason());
        assertNull(o.caller());
        GatewayParts.assertNotInvoked(o);
    }

    @Test
    void a_call_changed_after_signing_is_403_invalid_signature() {
        IncomingRequest signed = Call.of("GET", "/notes").query("tag", "a").signedBy(plain.alice);
        IncomingRequest changed = new IncomingRequest(signed.method(), signed.rawPath(), "tag=b", signed.headers(),
                signed.body(), signed.sourceIp(), signed.protocol(), signed.receivedAt());
        ApiOutcome o = send(plain, changed);
        assertRefusal(o.response(), 403, "Forbidden", "InvalidSignatureException");
        assertTrue(o.response().header(GatewayErrors.REASON_HEADER).startsWith("SIGNATURE_MISMATCH: "),
                o.response().header(GatewayErrors.REASON_HEADER));
        assertNull(o.caller());
        GatewayParts.assertNotInvoked(o);
    }

    @Test
    void credentials_gatehouse_never_issued_are_403_access_denied_without_telling_whether_the_key_exists() {
        Credentials stranger = new Credentials("ASIAUNKNOWNKEY000001", "secret", "token", null,
                plain.alice.principal());
        ApiOutcome o = send(plain, Call.of("GET", "/notes").signedBy(stranger));
        assertRefusal(o.response(), 403, "Forbidden", "AccessDeniedException");
        assertTrue(o.response().header(GatewayErrors.REASON_HEADER).startsWith("UNRECOGNIZED_CLIENT: the access key"
                + " id is not one Gatehouse issued"), o.response().header(GatewayErrors.REASON_HEADER));
        GatewayParts.assertNotInvoked(o);
    }

    @Test
    void a_call_the_role_policy_denies_is_403_access_denied_naming_the_resource() {
        ApiOutcome o = send(plain, Call.of("DELETE", "/notes/n-1").signedBy(plain.alice));
        String denial = "User: " + AUTH_ROLE_ARN + " is not authorized to perform: execute-api:Invoke on resource:"
                + " arn:aws:execute-api:us-east-1:123456789012:gh0notes01/$default/DELETE/notes/n-1 with an explicit"
                + " deny";
        assertRefusal(o.response(), 403, "Forbidden", "AccessDeniedException");
        assertEquals("ACCESS_DENIED: " + denial, o.response().header(GatewayErrors.REASON_HEADER));
        assertEquals(denial, o.denial());
        assertSame(plain.alice, o.caller());
        assertTrue(o.verdict().accepted(), "the signature was good");
        GatewayParts.assertNotInvoked(o);
    }

    @Test
    void a_role_without_any_policy_and_a_functions_execution_role_are_denied() {
        ApiOutcome bob = send(plain, Call.of("GET", "/notes").signedBy(plain.bob));
        assertRefusal(bob.response(), 403, "Forbidden", "AccessDeniedException");
        assertEquals("User: " + AUTH_ROLE_ARN + " is not authorized to perform: execute-api:Invoke on resource:"
                + " arn:aws:execute-api:us-east-1:123456789012:gh0notes01/$default/GET/notes because no"
                + " identity-based policy allows the execute-api:Invoke action", bob.denial());
        GatewayParts.assertNotInvoked(bob);
        ApiOutcome function = send(plain, Call.of("GET", "/notes").signedBy(plain.functionRole));
        assertRefusal(function.response(), 403, "Forbidden", "AccessDeniedException");
        assertTrue(function.denial().startsWith("User: arn:aws:sts::123456789012:assumed-role/notes-FunctionRole/"),
                function.denial());
        GatewayParts.assertNotInvoked(function);
    }

    @Test
    void the_developers_iam_user_may_call_every_route() {
        ApiOutcome o = send(plain, Call.of("DELETE", "/notes/n-1").signedBy(plain.developer));
        assertEquals(200, o.response().status(), o.response().bodyText());
        assertNull(o.denial());
        assertEquals("AKIAGATEHOUSETESTDEV1", json(o.response()).at("/requestContext/authorizer/iam/accessKey")
                .textValue());
    }

    @Test
    void an_allowed_signed_call_reaches_the_function_with_its_caller_and_gets_its_answer() {
        ApiOutcome o = send(plain, Call.of("GET", "/notes/n-1").query("q", "a b").signedBy(plain.alice));
        GatewayResponse r = o.response();
        assertEquals(200, r.status(), r.bodyText());
        assertEquals("function", r.header("x-from"));
        assertEquals("https://evil.example", r.header("access-control-allow-origin"),
                "without CORS configured the function's own headers pass");
        assertEquals(List.of(ID), r.headerValues(GatewayErrors.REQUEST_ID_HEADER));
        JsonNode event = json(r);
        assertEquals("GET /notes/{id}", event.get("routeKey").textValue());
        assertEquals("n-1", event.at("/pathParameters/id").textValue());
        assertEquals("a b", event.at("/queryStringParameters/q").textValue());
        assertEquals(ID, event.at("/requestContext/requestId").textValue());
        assertEquals(plain.alice.accessKeyId(), event.at("/requestContext/authorizer/iam/accessKey").textValue());
        assertEquals(GatewayParts.ALICE.identityId(),
                event.at("/requestContext/authorizer/iam/cognitoIdentity/identityId").textValue());
        assertEquals(event, GatewayParts.json(o.event().toString()), "the outcome keeps the event sent");
        assertSame(plain.alice, o.caller());
        assertEquals(Invocation.Outcome.SUCCESS, o.invocation().outcome());
        assertNull(o.denial());
    }

    @Test
    void a_route_without_authorization_runs_without_a_signature_or_caller() {
        ApiOutcome o = send(plain, Call.of("POST", "/open").unsigned());
        assertEquals(200, o.response().status());
        assertNull(o.verdict());
        assertNull(o.caller());
        assertTrue(json(o.response()).at("/requestContext/authorizer").isMissingNode());
    }

    @Test
    void an_event_over_lambdas_6_mb_is_413_and_the_function_does_not_run_but_6_mb_does() {
        ApiOutcome small = send(plain, text(100));
        int smallEvent = small.event().toString().getBytes(StandardCharsets.UTF_8).length;
        assertEquals(String.valueOf(smallEvent), small.response().bodyText(), "the function got the whole event");
        int atLimit = 100 + GatewayLimits.MAX_FUNCTION_EVENT_BYTES - smallEvent;
        ApiOutcome limit = send(plain, text(atLimit));
        assertEquals(200, limit.response().status(), limit.response().bodyText());
        assertEquals(String.valueOf(GatewayLimits.MAX_FUNCTION_EVENT_BYTES), limit.response().bodyText());
        ApiOutcome over = send(plain, text(atLimit + 1));
        assertRefusal(over.response(), 413, "Request Entity Too Large", null);
        assertEquals("POST /size", over.match().routeKey().toString());
        GatewayParts.assertNotInvoked(over);
    }

    private static IncomingRequest text(int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 'a');
        return Call.of("POST", "/size").header("Content-Type", "text/plain").body(body).unsigned();
    }

    @Test
    void a_function_error_is_500_internal_server_error() {
        ApiOutcome o = send(plain, Call.of("GET", "/fails").unsigned());
        assertRefusal(o.response(), 500, "Internal Server Error", null);
        assertEquals(Invocation.Outcome.ERROR, o.invocation().outcome());
        assertEquals("GET", o.event().at("/requestContext/http/method").textValue(), "the event is kept");
    }

    @Test
    void a_function_past_its_timeout_is_503_service_unavailable() {
        ApiOutcome o = send(plain, Call.of("GET", "/slow").unsigned());
        assertRefusal(o.response(), 503, "Service Unavailable", null);
        assertEquals(Invocation.Outcome.TIMED_OUT, o.invocation().outcome());
    }

    @Test
    void a_malformed_function_answer_is_500_internal_server_error() {
        ApiOutcome o = send(plain, Call.of("GET", "/malformed").unsigned());
        assertRefusal(o.response(), 500, "Internal Server Error", null);
        assertEquals(Invocation.Outcome.SUCCESS, o.invocation().outcome());
    }

    @Test
    void answers_to_an_allowed_origin_carry_the_configured_cors_headers_instead_of_the_functions() {
        GatewayResponse r = send(withCors, Call.of("POST", "/open").header("Origin", APP).unsigned()).response();
        assertEquals(200, r.status());
        assertEquals(List.of(APP), r.headerValues("Access-Control-Allow-Origin"));
        assertEquals(List.of("true"), r.headerValues("Access-Control-Allow-Credentials"));
        assertEquals("x-request-id", r.header("Access-Control-Expose-Headers"));
        assertEquals("function", r.header("x-from"), "the function's other headers stay");
        assertEquals(List.of(ID), r.headerValues(GatewayErrors.REQUEST_ID_HEADER));
    }

    @Test
    void without_origin_no_cors_headers_at_all_not_even_the_functions() {
        GatewayResponse r = send(withCors, Call.of("POST", "/open").unsigned()).response();
        assertEquals(200, r.status());
        assertNull(r.header("Access-Control-Allow-Origin"));
        assertEquals("function", r.header("x-from"));
    }

    @Test
    void the_gateways_refusals_carry_the_cors_headers_so_a_browser_can_read_them() {
        ApiOutcome o = send(withCors, Call.of("GET", "/notes").header("Origin", "http://localhost:5173").unsigned());
        assertRefusal(o.response(), 403, "Forbidden", "MissingAuthenticationTokenException");
        assertEquals("http://localhost:5173", o.response().header("Access-Control-Allow-Origin"));
        assertEquals(RefusalReason.MISSING_AUTHENTICATION, ((Verdict.Refused) o.verdict()).reason(),
                "the outcome keeps the verdict with the CORS headers");
    }

    @Test
    void a_body_too_large_to_read_is_413_with_the_request_id() {
        GatewayResponse r = plain.pipeline.bodyTooLarge(ID);
        assertRefusal(r, 413, "Request Entity Too Large", null);
    }
}
