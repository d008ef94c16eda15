package dev.gatehouse.emulator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The payload 2.0 event a handler receives, compared field by field with AWS's shape (aws-protocols.md A.1), through
 * {@link ProbeHandler} routes of e2e/gatehouse-probe.json: one signed caller after another, and an open route.
 */
class EventShapeTest {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static Gatehouse gatehouse;
    private static GatehouseConfig config;

    @BeforeAll
    static void start() throws URISyntaxException {
        Path file = Path.of(EventShapeTest.class.getResource("/e2e/gatehouse-probe.json").toURI());
        gatehouse = Gatehouse.builder().config(file).port(0).start();
        config = gatehouse.config();
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    private record Probe(JsonNode event, Wire.Reply reply, long before, long after) {
    }

    private static Probe probe(Wire wire) throws Exception {
        long before = System.currentTimeMillis();
        Wire.Reply r = wire.send();
        long after = System.currentTimeMillis();
        assertEquals(200, r.status(), r.toString());
        return new Probe(Wire.JSON.readTree(r.body()), r, before, after);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void signed_get_event_has_aws_shape_and_the_callers_identity() throws Exception {
        Set<String> identityIds = new HashSet<>();
        for (String email : List.of(TestUsers.ADMIN, TestUsers.ALICE, TestUsers.BOB)) {
            SignIn.IdentityCredentials caller = TestUsers.signIn(gatehouse, email);
            Wire wire = ApiCall.of(gatehouse.baseUri(), "GET", "/probe/a/b?x=1&x=2&y=z").as(caller).signed()
                    .addHeader("User-Agent", "gatehouse-e2e/1.0")
                    .addHeader("X-Dup", "one").addHeader("X-Dup", "two")
                    .addHeader("Cookie", "a=1").addHeader("Cookie", "b=2; c=3");
            Probe p = probe(wire);
            JsonNode e = p.event();

            assertEquals(Set.of("version", "routeKey", "rawPath", "rawQueryString", "cookies", "headers",
                    "queryStringParameters", "requestContext", "pathParameters", "isBase64Encoded"), fields(e),
                    e.toString());
            assertEquals("2.0", e.get("version").asText());
            assertEquals("ANY /probe/{proxy+}", e.get("routeKey").asText());
            assertEquals("/probe/a/b", e.get("rawPath").asText());
            assertEquals("x=1&x=2&y=z", e.get("rawQueryString").asText());
            assertEquals(Wire.JSON.readTree("[\"a=1\",\"b=2\",\"c=3\"]"), e.get("cookies"));
            assertEquals(Wire.JSON.readTree("{\"x\":\"1,2\",\"y\":\"z\"}"), e.get("queryStringParameters"));
            assertEquals(Wire.JSON.readTree("{\"proxy\":\"a/b\"}"), e.get("pathParameters"));
            assertFalse(e.get("isBase64Encoded").asBoolean());

            JsonNode h = e.get("headers");
            h.fieldNames().forEachRemaining(n -> assertEquals(n.toLowerCase(Locale.ROOT), n, "lower-cased names"));
            assertEquals("one,two", h.get("x-dup").asText());
            assertFalse(h.has("cookie"), "cookies are moved out of headers");
            assertEquals(e.get("requestContext").get("domainName").asText(), h.get("host").asText(), "the API's domain, as API Gateway gives it");
            assertEquals(wire.header("X-Amz-Date"), h.get("x-amz-date").asText());
            assertEquals(wire.header("Authorization"), h.get("authorization").asText());
            assertEquals(caller.sessionToken(), h.get("x-amz-security-token").asText());
            assertEquals("gatehouse-e2e/1.0", h.get("user-agent").asText());
            assertEquals("127.0.0.1", h.get("x-forwarded-for").asText());
            assertEquals("443", h.get("x-forwarded-port").asText());
            assertEquals("https", h.get("x-forwarded-proto").asText());
            assertTrue(h.get("x-amzn-trace-id").asText().matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}"),
                    h.get("x-amzn-trace-id").asText());

            JsonNode rc = e.get("requestContext");
            assertEquals(Set.of("accountId", "apiId", "authorizer", "domainName", "domainPrefix", "http", "requestId",
                    "routeKey", "stage", "time", "timeEpoch"), fields(rc), rc.toString());
            assertEquals(config.accountId(), rc.get("accountId").asText());
            assertEquals(config.api().apiId(), rc.get("apiId").asText());
            assertEquals(config.api().apiId() + ".execute-api." + config.region() + ".amazonaws.com",
                    rc.get("domainName").asText());
            assertEquals(config.api().apiId(), rc.get("domainPrefix").asText());
            assertEquals(Wire.JSON.readTree("{\"method\":\"GET\",\"path\":\"/probe/a/b\",\"protocol\":\"HTTP/1.1\","
                    + "\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"gatehouse-e2e/1.0\"}"), rc.get("http"));
            assertEquals(p.reply().requestId(), rc.get("requestId").asText(), "requestId = apigw-requestid");
            assertEquals("ANY /probe/{proxy+}", rc.get("routeKey").asText());
            assertEquals("$default", rc.get("stage").asText());
            long epoch = rc.get("timeEpoch").asLong();
            assertTrue(rc.get("timeEpoch").isIntegralNumber() && epoch >= p.before() - 1000 && epoch <= p.after(),
                    "timeEpoch is the request's time in epoch milliseconds: " + epoch);
            assertEquals(CLF.format(Instant.ofEpochMilli(epoch)), rc.get("time").asText());
            assertTrue(rc.get("time").asText().matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000"));

            JsonNode iam = rc.get("authorizer").get("iam");
            assertEquals(Set.of("iam"), fields(rc.get("authorizer")));
            assertEquals(Set.of("accessKey", "accountId", "callerId", "cognitoIdentity", "principalOrgId", "userArn",
                    "userId"), fields(iam), iam.toString());
            GatehouseConfig.Role role = config.identityPool().authenticatedRole();
            assertEquals(caller.accessKeyId(), iam.get("accessKey").asText());
            assertTrue(iam.get("accessKey").asText().startsWith("ASIA"));
            assertEquals(config.accountId(), iam.get("accountId").asText());
            assertEquals(role.roleId() + ":CognitoIdentityCredentials", iam.get("callerId").asText());
            assertTrue(iam.get("callerId").asText().startsWith("AROA"));
            assertEquals(iam.get("callerId"), iam.get("userId"));
            assertTrue(iam.get("principalOrgId").isNull(), "principalOrgId is present and null");
            assertEquals("arn:aws:sts::" + config.accountId() + ":assumed-role/" + role.name()
                    + "/CognitoIdentityCredentials", iam.get("userArn").asText());

            JsonNode cognito = iam.get("cognitoIdentity");
            assertEquals(Set.of("amr", "identityId", "identityPoolId"), fields(cognito));
            String provider = "cognito-idp." + config.region() + ".amazonaws.com/" + config.userPool().id();
            String sub = TestUsers.user(gatehouse, email).sub();
            List<String> amr = new ArrayList<>();
            cognito.get("amr").forEach(a -> amr.add(a.asText()));
            assertEquals(List.of("authenticated", provider, provider + ":CognitoSignIn:" + sub), amr);
            String identityId = cognito.get("identityId").asText();
            assertEquals(caller.identityId(), identityId);
            assertEquals(gatehouse.identityIdOf(email), identityId);
            assertNotEquals(sub, identityId, "the identity id is not the user pool sub");
            assertTrue(identityId.startsWith(config.region() + ":"), identityId);
            assertEquals(config.identityPool().id(), cognito.get("identityPoolId").asText());
            identityIds.add(identityId);
        }
        assertEquals(3, identityIds.size(), "each user has their own identity id");
    }

    @Test
    void text_bodies_arrive_as_text_and_others_base64_encoded() throws Exception {
        SignIn.IdentityCredentials admin = TestUsers.signIn(gatehouse, TestUsers.ADMIN);
        JsonNode json = probe(ApiCall.of(gatehouse.baseUri(), "POST", "/probe/upload").json("{\"a\":\"é\"}")
                .as(admin).signed()).event();
        assertEquals("{\"a\":\"é\"}", json.get("body").asText());
        assertFalse(json.get("isBase64Encoded").asBoolean());
        assertFalse(json.has("queryStringParameters") && !json.get("queryStringParameters").isNull());
        assertEquals("", json.get("rawQueryString").asText());

        byte[] bytes = {0, 1, 2, (byte) 0xff, 'x'};
        for (String contentType : new String[] {"application/octet-stream", "application/x-www-form-urlencoded",
                null}) {
            ApiCall call = ApiCall.of(gatehouse.baseUri(), "PUT", "/probe/bin").body(bytes).as(admin);
            if (contentType != null) {
                call.header("Content-Type", contentType);
            }
            JsonNode e = probe(call.signed()).event();
            assertTrue(e.get("isBase64Encoded").asBoolean(), String.valueOf(contentType));
            assertEquals(Base64.getEncoder().encodeToString(bytes), e.get("body").asText());
        }

        JsonNode text = probe(ApiCall.of(gatehouse.baseUri(), "POST", "/probe/t").header("Content-Type",
                "text/plain; charset=utf-8").body("plain".getBytes(StandardCharsets.UTF_8)).as(admin).signed())
                .event();
        assertEquals("plain", text.get("body").asText());
        assertFalse(text.get("isBase64Encoded").asBoolean());
    }

    @Test
    void the_record_keeps_the_first_16_kb_of_long_bodies_with_their_lengths() throws Exception {
        SignIn.IdentityCredentials admin = TestUsers.signIn(gatehouse, TestUsers.ADMIN);
        String content = "n".repeat(20_000);
        Probe p = probe(ApiCall.of(gatehouse.baseUri(), "POST", "/probe/long").json("{\"c\":\"" + content + "\"}")
                .as(admin).signed());
        String sent = "{\"c\":\"" + content + "\"}";
        assertEquals(sent, p.event().get("body").asText(), "the handler gets all of it");
        var call = gatehouse.calls(c -> p.reply().requestId().equals(c.requestId())).get(0);

        JsonNode request = call.request();
        assertEquals(sent.length(), request.get("bodyBytes").asInt(), request.toString());
        assertEquals(sent.substring(0, 16 * 1024), request.get("body").asText());
        JsonNode event = call.event();
        assertEquals(sent.substring(0, 16 * 1024) + "...", event.get("body").asText());
        assertEquals(sent.length(), event.get("bodyLength").asInt());
        assertTrue(event.at("/headers/authorization").asText().endsWith("Signature=****"), event.toString());
        assertEquals("****", event.at("/headers/x-amz-security-token").asText());
        JsonNode response = call.response();
        byte[] answered = p.reply().body().getBytes(StandardCharsets.UTF_8);
        assertEquals(answered.length, response.get("bodyBytes").asInt(), "the probe echoes the event: over 16 KB");
        assertEquals(new String(answered, 0, 16 * 1024, StandardCharsets.UTF_8) + "...",
                response.get("body").asText());
        assertEquals(200, response.get("status").asInt());
    }

    @Test
    void open_route_event_has_no_authorizer() throws Exception {
        Probe p = probe(ApiCall.of(gatehouse.baseUri(), "GET", "/probe-open").unsigned());
        JsonNode e = p.event();
        assertEquals("GET /probe-open", e.get("routeKey").asText());
        assertFalse(e.get("requestContext").has("authorizer"), e.toString());
        assertFalse(e.has("pathParameters") && !e.get("pathParameters").isNull());
        assertEquals(p.reply().requestId(), e.get("requestContext").get("requestId").asText());
        assertTrue(gatehouse.calls(c -> p.reply().requestId().equals(c.requestId())).get(0).invoked());
    }

    @Test
    void unsigned_call_of_an_iam_route_never_reaches_the_probe() {
        Wire.Reply r = ApiCall.of(gatehouse.baseUri(), "GET", "/probe/x").unsigned().send();
        assertEquals(403, r.status());
        assertFalse(gatehouse.calls(c -> r.requestId().equals(c.requestId())).get(0).invoked());
    }
}
