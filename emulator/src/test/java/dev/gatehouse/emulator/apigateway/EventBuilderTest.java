package dev.gatehouse.emulator.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.http.IncomingRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.gatehouse.emulator.apigateway.EventFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventBuilderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FIXTURE = "/apigateway/post-note-signed-with-identity-pool-credentials.json";

    private ObjectNode signedPostNoteEvent() {
        IncomingRequest request = signedPostNote();
        RouteMatch match = notesRoutes().match(request).orElseThrow();
        return builder().build(request, match, REQUEST_ID, COGNITO_CALLER);
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = EventBuilderTest.class.getResourceAsStream(name)) {
            return MAPPER.readTree(in);
        }
    }

    @Test
    void the_event_has_the_same_keys_and_types_as_the_aws_fixture_at_every_level() throws IOException {
        List<String> differences = new ArrayList<>();
        compareShape("", fixture(FIXTURE), signedPostNoteEvent(), differences);
        assertEquals(List.of(), differences);
    }

    @Test
    void the_event_has_the_fixture_values_but_a_new_trace_id() throws IOException {
        ObjectNode expected = (ObjectNode) fixture(FIXTURE);
        ObjectNode actual = signedPostNoteEvent();
        ObjectNode expectedHeaders = (ObjectNode) expected.get("headers");
        ObjectNode actualHeaders = (ObjectNode) actual.get("headers");
        assertTrue(actualHeaders.get("x-amzn-trace-id").textValue().matches("Root=1-5e6a879e-[0-9a-f]{24}"),
                actualHeaders.toString());
        // the local connection (plain HTTP to 127.0.0.1) shows nowhere: the handler sees what API Gateway gives it
        assertEquals("443", actualHeaders.get("x-forwarded-port").textValue());
        assertEquals("https", actualHeaders.get("x-forwarded-proto").textValue());
        assertEquals("gh0notes01.execute-api.us-east-1.amazonaws.com", actualHeaders.get("host").textValue());
        for (String local : List.of("x-amzn-trace-id")) {
            expectedHeaders.remove(local);
            actualHeaders.remove(local);
        }
        assertEquals(expected, actual);
    }

    @Test
    void every_field_of_a_signed_post_is_as_api_gateway_sends_it() {
        JsonNode e = signedPostNoteEvent();
        assertEquals("2.0", e.get("version").textValue());
        assertEquals("POST /notes", e.get("routeKey").textValue());
        assertEquals("/notes", e.get("rawPath").textValue());
        assertEquals("tag=work&tag=urgent&q=a%20b", e.get("rawQueryString").textValue());
        assertEquals(List.of("theme=dark", "session=abc"), texts(e.get("cookies")));
        JsonNode headers = e.get("headers");
        assertFalse(headers.has("cookie"), "the Cookie header moves to cookies");
        assertEquals("one,two", headers.get("x-custom-tag").textValue(), "duplicates joined with ','");
        assertEquals("application/json", headers.get("content-type").textValue(), "names lower-cased");
        assertEquals("203.0.113.7", headers.get("x-forwarded-for").textValue());
        assertEquals("work,urgent", e.get("queryStringParameters").get("tag").textValue());
        assertEquals("a b", e.get("queryStringParameters").get("q").textValue());
        assertFalse(e.has("pathParameters"));
        assertFalse(e.has("stageVariables"));
        assertEquals(NOTE_JSON, e.get("body").textValue());
        assertFalse(e.get("isBase64Encoded").booleanValue());

        JsonNode context = e.get("requestContext");
        assertEquals("123456789012", context.get("accountId").textValue());
        assertEquals("gh0notes01", context.get("apiId").textValue());
        assertEquals("gh0notes01.execute-api.us-east-1.amazonaws.com", context.get("domainName").textValue());
        assertEquals("gh0notes01", context.get("domainPrefix").textValue());
        assertEquals("POST", context.get("http").get("method").textValue());
        assertEquals("/notes", context.get("http").get("path").textValue());
        assertEquals("HTTP/1.1", context.get("http").get("protocol").textValue());
        assertEquals("203.0.113.7", context.get("http").get("sourceIp").textValue());
        assertEquals(USER_AGENT, context.get("http").get("userAgent").textValue());
        assertEquals(REQUEST_ID, context.get("requestId").textValue());
        assertEquals("POST /notes", context.get("routeKey").textValue());
        assertEquals("$default", context.get("stage").textValue());
        assertEquals("12/Mar/2020:19:03:58 +0000", context.get("time").textValue(), "CLF in UTC, English months");
        assertEquals(1584039838390L, context.get("timeEpoch").longValue());

        JsonNode iam = context.get("authorizer").get("iam");
        assertEquals("ASIAGATEHOUSE0000001", iam.get("accessKey").textValue());
        assertEquals("123456789012", iam.get("accountId").textValue());
        assertEquals("AROAGATEHOUSEAUTHROLE1:CognitoIdentityCredentials", iam.get("callerId").textValue());
        assertEquals("AROAGATEHOUSEAUTHROLE1:CognitoIdentityCredentials", iam.get("userId").textValue());
        assertEquals("arn:aws:sts::123456789012:assumed-role/notes-CognitoAuthRole/CognitoIdentityCredentials",
                iam.get("userArn").textValue());
        assertTrue(iam.get("principalOrgId").isNull());
        JsonNode cognito = iam.get("cognitoIdentity");
        assertEquals(IDENTITY.amr(), texts(cognito.get("amr")));
        assertEquals("authenticated", cognito.get("amr").get(0).textValue());
        assertEquals(IDENTITY.identityId(), cognito.get("identityId").textValue());
        assertEquals(IDENTITY.identityPoolId(), cognito.get("identityPoolId").textValue());
    }

    @Test
    void an_iam_user_caller_has_no_cognito_identity() {
        IncomingRequest request = signedPostNote();
        JsonNode iam = builder().build(request, notesRoutes().match(request).orElseThrow(), REQUEST_ID, DEVELOPER)
                .get("requestContext").get("authorizer").get("iam");
        assertTrue(iam.get("cognitoIdentity").isNull());
        assertEquals("AIDAGATEHOUSEDEVELOPR", iam.get("callerId").textValue());
        assertEquals("AIDAGATEHOUSEDEVELOPR", iam.get("userId").textValue());
        assertEquals("arn:aws:iam::123456789012:user/gatehouse-developer", iam.get("userArn").textValue());
        assertEquals("AKIAGATEHOUSEDEVELOP", iam.get("accessKey").textValue());
    }

    @Test
    void a_route_without_authorization_has_no_authorizer() {
        IncomingRequest request = signedPostNote();
        JsonNode context = builder().build(request, notesRoutes().match(request).orElseThrow(), REQUEST_ID, null)
                .get("requestContext");
        assertFalse(context.has("authorizer"));
    }

    @Test
    void hop_by_hop_headers_of_the_local_connection_are_not_passed_on() {
        IncomingRequest request = request("GET", "/notes", null, List.of(Map.entry("Host", "127.0.0.1:8321"),
                Map.entry("Connection", "keep-alive"), Map.entry("Keep-Alive", "timeout=5"),
                Map.entry("Upgrade", "h2c"), Map.entry("Accept", "application/json")), new byte[0]);
        JsonNode headers = builder().build(request, notesRoutes().match(request).orElseThrow(), REQUEST_ID,
                COGNITO_CALLER).get("headers");
        for (String hop : List.of("connection", "keep-alive", "upgrade")) {
            assertFalse(headers.has(hop), hop + " is a header of the connection: " + headers);
        }
        assertEquals("application/json", headers.get("accept").textValue());
        assertEquals("gh0notes01.execute-api.us-east-1.amazonaws.com", headers.get("host").textValue());
    }

    @Test
    void a_binary_body_is_base64_with_the_flag_set() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        IncomingRequest request = request("PUT", "/files/a/b.png", null,
                List.of(Map.entry("Content-Type", "image/png"), Map.entry("Host", "127.0.0.1:8321")), png);
        JsonNode e = builder().build(request, notesRoutes().match(request).orElseThrow(), REQUEST_ID, COGNITO_CALLER);
        assertEquals(Base64.getEncoder().encodeToString(png), e.get("body").textValue());
        assertTrue(e.get("isBase64Encoded").booleanValue());
        assertEquals("a/b.png", e.get("pathParameters").get("proxy").textValue());
        assertEquals("ANY /files/{proxy+}", e.get("routeKey").textValue());
        assertEquals("443", e.get("headers").get("x-forwarded-port").textValue());
        assertEquals("", e.get("rawQueryString").textValue());
        assertFalse(e.has("queryStringParameters"));
        assertFalse(e.has("cookies"));
    }

    @Test
    void only_the_listed_text_types_travel_as_text() {
        for (String text : List.of("text/plain", "text/html; charset=utf-8", "application/json; charset=UTF-8",
                "application/xml", "Application/JavaScript")) {
            assertTrue(EventBuilder.isText(text), text);
        }
        for (String binary : List.of("application/x-www-form-urlencoded", "application/octet-stream",
                "application/vnd.api+json", "multipart/form-data; boundary=x", "", "image/png")) {
            assertFalse(EventBuilder.isText(binary), binary);
        }
        assertFalse(EventBuilder.isText(null), "a missing Content-Type is base64");
        byte[] form = "a=1&b=2".getBytes(StandardCharsets.UTF_8);
        IncomingRequest request = request("POST", "/notes", null, List.of(), form);
        JsonNode e = builder().build(request, notesRoutes().match(request).orElseThrow(), REQUEST_ID, COGNITO_CALLER);
        assertTrue(e.get("isBase64Encoded").booleanValue());
        assertEquals("YT0xJmI9Mg==", e.get("body").textValue());
    }

    @Test
    void no_body_means_no_body_field_and_no_base64_flag() {
        IncomingRequest request = request("GET", "/notes/n%201", "", List.of(Map.entry("Content-Type", "image/png")),
                new byte[0]);
        JsonNode e = builder().build(request, notesRoutes().match(request).orElseThrow(), REQUEST_ID, COGNITO_CALLER);
        assertFalse(e.has("body"));
        assertFalse(e.get("isBase64Encoded").booleanValue());
        assertEquals("n 1", e.get("pathParameters").get("id").textValue());
        assertEquals("/notes/n 1", e.get("rawPath").textValue(), "HTTP APIs pass the decoded path");
        assertEquals("/notes/n 1", e.get("requestContext").get("http").get("path").textValue());
        assertEquals("", e.get("rawQueryString").textValue());
        assertEquals("", e.get("requestContext").get("http").get("userAgent").textValue());
        assertEquals("127.0.0.1", e.get("headers").get("x-forwarded-for").textValue());
    }

    @Test
    void a_named_stage_keeps_its_prefix_in_raw_path_and_names_itself() {
        RouteTable dev = RouteTableTest.table(new dev.gatehouse.emulator.config.GatehouseConfig.Api(API_ID, "dev"),
                "GET /notes/{id}");
        IncomingRequest request = request("GET", "/dev/notes/n1", "x=1&x=2&y", List.of(), new byte[0]);
        JsonNode e = new EventBuilder(API_ID, "dev", ACCOUNT, "eu-west-1")
                .build(request, dev.match(request).orElseThrow(), REQUEST_ID, COGNITO_CALLER);
        assertEquals("/dev/notes/n1", e.get("rawPath").textValue());
        assertEquals("dev", e.get("requestContext").get("stage").textValue());
        assertEquals("GET /notes/{id}", e.get("requestContext").get("routeKey").textValue());
        assertEquals("gh0notes01.execute-api.eu-west-1.amazonaws.com", e.get("requestContext").get("domainName").textValue());
        assertEquals("x=1&x=2&y", e.get("rawQueryString").textValue());
        assertEquals("1,2", e.get("queryStringParameters").get("x").textValue());
        assertEquals("", e.get("queryStringParameters").get("y").textValue());
    }

    @Test
    void headers_a_client_already_forwarded_are_extended_and_cookie_headers_are_all_collected() {
        IncomingRequest request = request("GET", "/notes", null, List.of(
                Map.entry("X-Forwarded-For", "198.51.100.1"), Map.entry("Cookie", "a=1;b=2"),
                Map.entry("cookie", "c=3"), Map.entry("X-Amzn-Trace-Id", "Root=1-00000000-000000000000000000000001")),
                new byte[0]);
        JsonNode e = builder().build(request, notesRoutes().match(request).orElseThrow(), REQUEST_ID, COGNITO_CALLER);
        assertEquals("198.51.100.1, 127.0.0.1", e.get("headers").get("x-forwarded-for").textValue());
        assertEquals(List.of("a=1", "b=2", "c=3"), texts(e.get("cookies")));
        assertEquals("Root=1-00000000-000000000000000000000001", e.get("headers").get("x-amzn-trace-id").textValue());
    }

    @Test
    void the_event_binds_to_the_java_events_library_pojo() throws IOException {
        ObjectMapper plain = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        APIGatewayV2HTTPEvent text = plain.treeToValue(signedPostNoteEvent(), APIGatewayV2HTTPEvent.class);
        assertEquals(IDENTITY.identityId(),
                text.getRequestContext().getAuthorizer().getIam().getCognitoIdentity().getIdentityId());
        assertEquals(IDENTITY.amr(), text.getRequestContext().getAuthorizer().getIam().getCognitoIdentity().getAmr());
        assertEquals(NOTE_JSON, text.getBody());
        assertFalse(text.getIsBase64Encoded());
        assertEquals("POST", text.getRequestContext().getHttp().getMethod());
        assertEquals(REQUEST_ID, text.getRequestContext().getRequestId());
        assertEquals(1584039838390L, text.getRequestContext().getTimeEpoch());
        assertEquals(List.of("theme=dark", "session=abc"), text.getCookies());
        assertNull(text.getPathParameters());

        byte[] png = {1, 2, 3};
        IncomingRequest request = request("PUT", "/files/x", null, List.of(Map.entry("Content-Type", "image/png")), png);
        ObjectNode event = builder().build(request, notesRoutes().match(request).orElseThrow(), REQUEST_ID, COGNITO_CALLER);
        // through JSON text, as the Lambda invoker hands it over
        APIGatewayV2HTTPEvent binary = plain.readValue(MAPPER.writeValueAsString(event), APIGatewayV2HTTPEvent.class);
        assertTrue(binary.getIsBase64Encoded(), "isBase64Encoded binds with plain Jackson");
        assertEquals("AQID", binary.getBody());
        assertEquals(Map.of("proxy", "x"), binary.getPathParameters());
    }

    @Test
    void request_ids_look_like_api_gateway_ones_and_differ() {
        String a = RequestIds.newRequestId();
        String b = RequestIds.newRequestId();
        assertTrue(a.matches("[A-Za-z0-9+/]{15}="), a);
        assertFalse(a.equals(b));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.textValue()));
        return values;
    }

    /** Same keys at every level and the same JSON type for every value. */
    static void compareShape(String at, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.getNodeType() != actual.getNodeType()) {
            differences.add(at + ": " + expected.getNodeType() + " expected, got " + actual.getNodeType());
            return;
        }
        if (expected.isObject()) {
            TreeSet<String> expectedKeys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            TreeSet<String> actualKeys = new TreeSet<>();
            actual.fieldNames().forEachRemaining(actualKeys::add);
            if (!expectedKeys.equals(actualKeys)) {
                differences.add(at + ": keys " + expectedKeys + " expected, got " + actualKeys);
            }
            for (String key : expectedKeys) {
                if (actual.has(key)) {
                    compareShape(at + "." + key, expected.get(key), actual.get(key), differences);
                }
            }
        } else if (expected.isArray()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            while (e.hasNext() && a.hasNext()) {
                compareShape(at + "[" + i++ + "]", e.next(), a.next(), differences);
            }
        }
    }
}
