package dev.gatehouse.examples.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.contracts.GatehouseExtension;
import dev.gatehouse.contracts.GatehouseUser;
import dev.gatehouse.emulator.Gatehouse;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example REST API (gatehouse.json: api.type REST, stage prod) called as a client calls it: signed with a user's
 * identity pool credentials by the AWS SDK's signer. Its handlers read the event through aws-lambda-java-events.
 */
class RestApiExampleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GatehouseExtension gatehouse = GatehouseExtension.builder().config(Path.of("gatehouse.json")).build();

    private static JsonNode json(Response r) throws IOException {
        return JSON.readTree(r.asByteArray());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void whoami_gets_the_callers_identity_id_from_the_signed_request(GatehouseUser alice) throws IOException {
        Response r = alice.given().get("/whoami");
        assertEquals(200, r.statusCode(), r.asString());
        JsonNode me = json(r);
        assertEquals(alice.identityId(), me.path("identityId").asText());
        assertEquals("authenticated", me.path("authenticationType").asText());
        assertTrue(me.path("authenticationProvider").asText().endsWith(":CognitoSignIn:" + alice.sub()),
                me.toString());
        assertEquals(alice.credentials().accessKeyId(), me.path("accessKey").asText());
        assertEquals("prod", me.path("stage").asText());
        assertEquals("/prod/whoami", me.path("path").asText());
        assertEquals("/whoami", me.path("resource").asText());
    }

    @Test
    void two_users_get_two_identities(GatehouseUser alice, GatehouseUser bob) throws IOException {
        String a = json(alice.given().get("/whoami")).path("identityId").asText();
        String b = json(bob.given().get("/whoami")).path("identityId").asText();
        assertEquals(alice.identityId(), a);
        assertEquals(bob.identityId(), b);
        assertFalse(a.equals(b));
    }

    /**
     * AWS's documented request ("Input format of a Lambda function for proxy integration": {@code POST
     * /testStage/hello/world?name=me} with {@code headerName: headerValue}, and its multi-value query) gives the
     * documented event, field by field. Differences, by design: {@code stageVariables} is null (this stage has
     * none); the identity is the signed caller's (the documented one is unauthenticated, with {@code apiKey});
     * no CloudFront headers (a regional endpoint).
     */
    @Test
    void the_event_matches_aws_documented_sample_field_by_field(GatehouseUser alice) throws IOException {
        Response r = alice.given().header("headerName", "headerValue").contentType("application/json")
                .body("{\r\n\t\"a\": 1\r\n}")
                .queryParam("name", "me").queryParam("multivalueName", "you", "me")
                .post("/hello/world");
        assertEquals(200, r.statusCode(), r.asString());
        JsonNode out = json(r);
        assertEquals("Hello me!", out.path("message").asText());
        JsonNode e = out.path("input");
        assertEquals(Set.of("resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
                "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body",
                "isBase64Encoded"), fields(e));
        assertEquals("/{proxy+}", e.path("resource").asText());
        assertEquals("/hello/world", e.path("path").asText());
        assertEquals("POST", e.path("httpMethod").asText());
        assertEquals("headerValue", e.path("headers").path("headerName").asText());
        assertEquals("headerValue", e.path("multiValueHeaders").path("headerName").path(0).asText());
        assertEquals(JSON.valueToTree(Map.of("name", "me", "multivalueName", "me")), e.path("queryStringParameters"));
        assertEquals(JSON.readTree("{\"name\":[\"me\"],\"multivalueName\":[\"you\",\"me\"]}"),
                e.path("multiValueQueryStringParameters"));
        assertEquals(JSON.readTree("{\"proxy\":\"hello/world\"}"), e.path("pathParameters"));
        assertTrue(e.path("stageVariables").isNull());
        assertEquals("{\r\n\t\"a\": 1\r\n}", e.path("body").asText());
        assertFalse(e.path("isBase64Encoded").asBoolean());

        JsonNode ctx = e.path("requestContext");
        Set<String> documented = Set.of("accountId", "resourceId", "stage", "requestId", "identity", "resourcePath",
                "httpMethod", "apiId", "requestTime", "path", "protocol", "requestTimeEpoch");
        assertTrue(fields(ctx).containsAll(documented), "missing " + difference(documented, fields(ctx)));
        assertEquals(Set.of("domainName", "domainPrefix", "extendedRequestId"), difference(fields(ctx), documented));
        assertEquals("prod", ctx.path("stage").asText());
        assertEquals("/{proxy+}", ctx.path("resourcePath").asText());
        assertEquals("POST", ctx.path("httpMethod").asText());
        assertEquals("/prod/hello/world", ctx.path("path").asText());
        assertEquals("gh0docs001", ctx.path("apiId").asText());
        assertEquals("HTTP/1.1", ctx.path("protocol").asText());

        JsonNode identity = ctx.path("identity");
        Set<String> documentedIdentity = Set.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller",
                "sourceIp", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn",
                "userAgent", "user");
        assertTrue(fields(identity).containsAll(documentedIdentity));
        assertEquals(Set.of("principalOrgId"), difference(fields(identity), documentedIdentity));
        assertEquals(alice.identityId(), identity.path("cognitoIdentityId").asText());
    }

    @Test
    void unsigned_calls_and_other_stages_get_missing_authentication_token(Gatehouse running, GatehouseUser alice) {
        for (Response r : new Response[] {alice.unsigned().get("/whoami"),
                RestAssured.given().baseUri(running.baseUri().toString()).get("/dev/whoami"),
                RestAssured.given().baseUri(running.baseUri().toString()).get("/whoami")}) {
            assertEquals(403, r.statusCode(), r.asString());
            assertEquals("{\"message\":\"Missing Authentication Token\"}", r.asString());
            assertEquals("MissingAuthenticationTokenException", r.header("x-amzn-ErrorType"));
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
