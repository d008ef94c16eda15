package dev.gatehouse.emulator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.record.CallRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A REST API (api.type "REST", stage "test", e2e/gatehouse-rest.json): the payload 1.0 event a function gets, signed
 * with identity pool credentials, and the REST API's own refusals (aws-protocols.md A.3, C), over real HTTP.
 */
class RestApiEndToEndTest {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static Gatehouse gatehouse;
    private static SignIn.IdentityCredentials alice;

    @BeforeAll
    static void start() throws URISyntaxException {
        Path file = Path.of(RestApiEndToEndTest.class.getResource("/e2e/gatehouse-rest.json").toURI());
        gatehouse = Gatehouse.builder().config(file).port(0).start();
        alice = TestUsers.signIn(gatehouse, TestUsers.ALICE);
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    private static ApiCall call(String method, String pathAndQuery) {
        return ApiCall.of(gatehouse.baseUri(), method, pathAndQuery);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode event(Wire.Reply r) {
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    @Test
    void the_outputs_name_the_stage_in_the_api_endpoint() {
        assertEquals(gatehouse.baseUri() + "/test", gatehouse.outputs().apiEndpoint());
    }

    @Test
    void signed_event_carries_the_callers_identity_in_payload_1_0_shape() {
        Wire.Reply r = call("POST", "/test/probe/hello/world?name=you&name=me&x=1")
                .header("Content-Type", "application/json").header("headerName", "headerValue")
                .header("User-Agent", "gatehouse-rest/1.0").json("{\"a\": 1}").as(alice).signed().send();
        JsonNode e = event(r);
        assertEquals(Set.of("resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
                "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body",
                "isBase64Encoded"), fields(e));
        assertEquals("/probe/{proxy+}", e.get("resource").asText());
        assertEquals("/probe/hello/world", e.get("path").asText());
        assertEquals("POST", e.get("httpMethod").asText());
        assertEquals("headerValue", e.get("headers").get("headerName").asText(), "header names as sent");
        assertEquals(List.of("headerValue"), texts(e.get("multiValueHeaders").get("headerName")));
        assertEquals("me", e.get("queryStringParameters").get("name").asText(), "the last value, as AWS's sample");
        assertEquals(List.of("you", "me"), texts(e.get("multiValueQueryStringParameters").get("name")));
        assertEquals("hello/world", e.get("pathParameters").get("proxy").asText());
        assertTrue(e.get("stageVariables").isNull());
        assertEquals("{\"a\": 1}", e.get("body").asText());
        assertFalse(e.get("isBase64Encoded").asBoolean());

        JsonNode ctx = e.get("requestContext");
        assertEquals(Set.of("accountId", "apiId", "domainName", "domainPrefix", "extendedRequestId", "httpMethod",
                "identity", "path", "protocol", "requestId", "requestTime", "requestTimeEpoch", "resourceId",
                "resourcePath", "stage"), fields(ctx));
        assertEquals("/test/probe/hello/world", ctx.get("path").asText(), "requestContext.path has the stage");
        assertEquals("test", ctx.get("stage").asText());
        assertEquals("/probe/{proxy+}", ctx.get("resourcePath").asText());
        assertEquals("gh0rest001", ctx.get("apiId").asText());
        assertEquals("gh0rest001.execute-api.us-east-1.amazonaws.com", ctx.get("domainName").asText());
        assertEquals("123456789012", ctx.get("accountId").asText());
        assertEquals(r.header("x-amzn-RequestId"), ctx.get("requestId").asText());
        assertTrue(UUID.matcher(ctx.get("requestId").asText()).matches(), ctx.get("requestId").asText());
        assertEquals(r.header("x-amz-apigw-id"), ctx.get("extendedRequestId").asText());
        assertTrue(ctx.get("requestTime").asText().matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000"));
        assertTrue(ctx.get("requestTimeEpoch").isIntegralNumber());

        JsonNode id = ctx.get("identity");
        assertEquals(Set.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "sourceIp",
                "principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn",
                "userAgent", "user"), fields(id));
        assertEquals(alice.identityId(), id.get("cognitoIdentityId").asText());
        assertEquals(gatehouse.identityIdOf(TestUsers.ALICE), id.get("cognitoIdentityId").asText());
        assertEquals(gatehouse.config().identityPool().id(), id.get("cognitoIdentityPoolId").asText());
        assertEquals("authenticated", id.get("cognitoAuthenticationType").asText());
        String provider = "cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse";
        assertEquals(provider + "," + provider + ":CognitoSignIn:" + TestUsers.user(gatehouse, TestUsers.ALICE).sub(),
                id.get("cognitoAuthenticationProvider").asText());
        assertEquals(alice.accessKeyId(), id.get("accessKey").asText());
        assertTrue(id.get("accessKey").asText().startsWith("ASIA"));
        assertEquals("AROAGATEHOUSEAUTHROLE1:CognitoIdentityCredentials", id.get("caller").asText());
        assertEquals(id.get("caller").asText(), id.get("user").asText());
        assertEquals("arn:aws:sts::123456789012:assumed-role/notes-CognitoAuthRole/CognitoIdentityCredentials",
                id.get("userArn").asText());
        assertEquals("123456789012", id.get("accountId").asText());
        assertTrue(id.get("principalOrgId").isNull());
        assertEquals("127.0.0.1", id.get("sourceIp").asText());
        assertEquals("gatehouse-rest/1.0", id.get("userAgent").asText());
    }

    @Test
    void the_record_of_an_accepted_call_holds_no_secret_in_either_header_map() {
        Wire.Reply r = call("GET", "/test/probe/secrets?plain=1")
                .header("Cookie", "session=cookie-secret-value").as(alice).signed().send();
        assertEquals(200, r.status(), r.toString());
        String signature = r.json().at("/headers/Authorization").asText().replaceAll(".*Signature=", "");
        assertEquals(64, signature.length(), "the handler gets the signature: " + signature);
        CallRecord call = gatehouse.calls(c -> r.header("x-amz-apigw-id").equals(c.requestId())).get(0);
        // the probe echoes its event: the response has the secrets the handler was given, as the client got them
        String record = call.request() + "\n" + call.event() + "\n" + call.diagnostics() + "\n" + call.logs();
        for (String secret : List.of(alice.sessionToken(), signature, "cookie-secret-value")) {
            assertFalse(record.contains(secret), () -> "the record has " + secret + ": " + record);
        }
        JsonNode event = call.event();
        assertEquals("****", event.at("/headers/X-Amz-Security-Token").asText(), event.toString());
        assertEquals(List.of("****"), texts(event.at("/multiValueHeaders/X-Amz-Security-Token")));
        assertTrue(texts(event.at("/multiValueHeaders/Authorization")).get(0).endsWith("Signature=****"),
                event.toString());
        assertEquals(List.of("****"), texts(event.at("/multiValueHeaders/Cookie")));
        assertEquals(List.of("1"), texts(event.at("/multiValueQueryStringParameters/plain")), "the rest as sent");
    }

    @Test
    void an_open_method_gets_an_identity_of_nulls_but_source_and_agent() {
        JsonNode e = event(call("GET", "/test/probe-open").header("User-Agent", "curl/8").unsigned().send());
        JsonNode id = e.get("requestContext").get("identity");
        for (String field : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "accessKey",
                "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "user")) {
            assertTrue(id.get(field).isNull(), field + " is " + id.get(field));
        }
        assertEquals("curl/8", id.get("userAgent").asText());
        assertTrue(e.get("queryStringParameters").isNull());
        assertTrue(e.get("multiValueQueryStringParameters").isNull());
        assertTrue(e.get("pathParameters").isNull());
        assertTrue(e.get("body").isNull());
    }

    @Test
    void the_root_resource_has_the_stage_and_a_slash_in_its_context_path() {
        JsonNode e = event(call("GET", "/test/").as(alice).signed().send());
        assertEquals("/", e.get("resource").asText());
        assertEquals("/", e.get("path").asText());
        assertEquals("/test/", e.get("requestContext").get("path").asText());
    }

    private static void assertMissingAuthenticationToken(Wire.Reply r) {
        assertEquals(403, r.status(), r.toString());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", r.body());
        assertEquals("MissingAuthenticationTokenException", r.header("x-amzn-ErrorType"));
        assertEquals("application/json", r.header("content-type"));
        assertTrue(UUID.matcher(r.header("x-amzn-RequestId")).matches(), r.header("x-amzn-RequestId"));
        assertNotNull(r.header("x-amz-apigw-id"));
        CallRecord call = gatehouse.calls(c -> r.header("x-amz-apigw-id").equals(c.requestId())).get(0);
        assertFalse(call.invoked());
    }

    @Test
    void an_unknown_resource_or_stage_is_a_missing_authentication_token() {
        assertMissingAuthenticationToken(call("GET", "/test/nowhere").as(alice).signed().send());
        assertMissingAuthenticationToken(call("DELETE", "/test/probe-open").as(alice).signed().send());
        assertMissingAuthenticationToken(call("GET", "/prod/probe/a").as(alice).signed().send());
        assertMissingAuthenticationToken(call("GET", "/probe/a").as(alice).signed().send());
        assertMissingAuthenticationToken(call("OPTIONS", "/test/probe-open")
                .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .unsigned().send());
    }

    @Test
    void an_unsigned_call_to_an_iam_method_is_a_missing_authentication_token() {
        assertMissingAuthenticationToken(call("GET", "/test/probe/a").unsigned().send());
    }

    @Test
    void a_signature_mismatch_answers_the_canonical_string_with_the_stage_and_the_string_to_sign() {
        Wire.Reply r = call("GET", "/test/probe/a?x=1").as(alice).signed().pathAndQuery("/test/probe/a?x=2").send();
        assertEquals(403, r.status(), r.toString());
        assertEquals("InvalidSignatureException", r.header("x-amzn-ErrorType"));
        String message = r.json().get("message").asText();
        assertTrue(message.startsWith("The request signature we calculated does not match the signature you provided."
                + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
                + "\n\nThe Canonical String for this request should have been\n'GET\n/test/probe/a\nx=2\n"), message);
        assertTrue(message.contains("'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n"), message);
        assertTrue(message.contains("/us-east-1/execute-api/aws4_request\n"), message);
        assertTrue(message.contains("x-amz-security-token:" + alice.sessionToken()), "AWS's text, to its sender");
        CallRecord call = gatehouse.calls(c -> r.header("x-amz-apigw-id").equals(c.requestId())).get(0);
        assertFalse(call.response().toString().contains(alice.sessionToken()), "masked in the record");
        assertTrue(call.response().toString().contains("x-amz-security-token:****"), call.response().toString());
    }

    @Test
    void unknown_keys_are_an_invalid_security_token() {
        Wire.Reply r = call("GET", "/test/probe/a").keys("ASIAUNKNOWNKEY000000", alice.secretAccessKey(),
                alice.sessionToken()).signed().send();
        assertEquals(403, r.status(), r.toString());
        assertEquals("{\"message\":\"The security token included in the request is invalid.\"}", r.body());
    }

    @Test
    void a_policy_denial_names_the_user_and_the_masked_resource() {
        Wire.Reply r = call("GET", "/test/probe/denied").as(alice).signed().send();
        assertEquals(403, r.status(), r.toString());
        assertEquals("AccessDeniedException", r.header("x-amzn-ErrorType"));
        assertEquals("{\"Message\":\"User: arn:aws:sts::123456789012:assumed-role/notes-CognitoAuthRole/"
                + "CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: "
                + "arn:aws:execute-api:us-east-1:********9012:gh0rest001/test/GET/probe/denied with an explicit deny\"}",
                r.body());
        assertEquals(200, call("GET", "/test/probe/allowed").as(alice).signed().send().status());
    }

    @Test
    void malformed_proxy_responses_and_failures_are_502_internal_server_error() {
        for (String path : List.of("/test/cookies", "/test/no-status", "/test/fails")) {
            Wire.Reply r = call("GET", path).as(alice).signed().send();
            assertEquals(502, r.status(), path + ": " + r);
            assertEquals("Internal server error", r.json().get("message").asText(), path);
            assertEquals(Set.of("message"), fields(r.json()), path);
        }
    }

    @Test
    void proxy_response_headers_multi_value_headers_and_base64_body_are_mapped() {
        Wire.Reply r = call("GET", "/test/multi").as(alice).signed().send();
        assertEquals(201, r.status(), r.toString());
        assertEquals("hello", r.body());
        assertEquals("one", r.header("X-Single"));
        assertEquals(List.of("m1", "m2"), r.headers().allValues("X-Both"));
        assertNotNull(r.header("x-amzn-RequestId"));
        assertNotNull(r.header("x-amz-apigw-id"));
    }

    @Test
    void a_body_over_ten_megabytes_gets_the_rest_apis_plain_text_413() {
        for (int size : new int[] {10 * 1024 * 1024 + 1, 16 * 1024 * 1024}) {
            byte[] big = new byte[size];
            Arrays.fill(big, (byte) 'a');
            Wire.Reply r = call("POST", "/test/probe/big").header("Content-Type", "text/plain").body(big).as(alice)
                    .signed().send();
            assertEquals(413, r.status(), size + ": " + r);
            assertEquals("HTTP content length exceeded 10485760 bytes.", r.body(), size + " bytes");
            assertEquals("text; charset=utf-8", r.header("content-type"));
            assertNotNull(r.header("x-amzn-RequestId"));
        }
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
