package dev.gatehouse.emulator.cognito.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.emulator.Gatehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user pool's public key documents as a running Gatehouse serves them, checked with nimbus as a resource server
 * would, and the CORS preflight browsers send before every Cognito call.
 */
class TokenEndpointsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Gatehouse gatehouse;
    static CognitoClients clients;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        clients = new CognitoClients(gatehouse);
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return ApiRequest.plain(HttpRequest.newBuilder(gatehouse.baseUri().resolve(path)).GET().build());
    }

    private static String issuer() {
        return "https://cognito-idp.us-east-1.amazonaws.com/" + clients.outputs.userPoolId();
    }

    @Test
    void an_id_token_verifies_against_the_served_jwks() throws Exception {
        HttpResponse<String> jwks = get("/" + clients.outputs.userPoolId() + "/.well-known/jwks.json");
        assertEquals(200, jwks.statusCode());
        JWKSet keys = JWKSet.parse(jwks.body());
        assertEquals(2, keys.getKeys().size(), "one key for ID tokens, one for access tokens");
        assertNotEquals(keys.getKeys().get(0).getKeyID(), keys.getKeys().get(1).getKeyID());
        for (JWK key : keys.getKeys()) {
            assertFalse(key.isPrivate(), "the JWKS carries public keys only");
            assertEquals("RS256", key.getAlgorithm().getName());
        }

        AuthenticationResultType tokens = clients.passwordAuth("admin@example.com", "Passw0rd!");
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        JWTClaimsSet id = processor.process(tokens.idToken(), null);
        assertEquals(gatehouse.config().users().get(0).sub(), id.getSubject());
        assertEquals(issuer(), id.getIssuer());
        assertEquals(clients.outputs.userPoolClientId(), id.getAudience().get(0));
        assertEquals("id", id.getStringClaim("token_use"));
        JWTClaimsSet access = processor.process(tokens.accessToken(), null);
        assertEquals("access", access.getStringClaim("token_use"));
        assertEquals(clients.outputs.userPoolClientId(), access.getStringClaim("client_id"));
    }

    @Test
    void the_openid_configuration_names_the_issuer_and_its_jwks() throws Exception {
        HttpResponse<String> r = get("/" + clients.outputs.userPoolId() + "/.well-known/openid-configuration");
        assertEquals(200, r.statusCode());
        JsonNode doc = JSON.readTree(r.body());
        assertEquals(issuer(), doc.get("issuer").asText());
        assertEquals(issuer() + "/.well-known/jwks.json", doc.get("jwks_uri").asText());
        assertEquals("RS256", doc.get("id_token_signing_alg_values_supported").get(0).asText());
        assertEquals("public", doc.get("subject_types_supported").get(0).asText());
    }

    @Test
    void an_unknown_well_known_document_is_not_served() throws Exception {
        HttpResponse<String> r = get("/" + clients.outputs.userPoolId() + "/.well-known/private-keys.json");
        assertNotEquals(200, r.statusCode());
        assertFalse(r.body().contains("\"d\""), r.body());
    }

    @Test
    void a_cors_preflight_for_the_cognito_endpoint_is_allowed() throws Exception {
        HttpResponse<String> r = ApiRequest.plain(HttpRequest.newBuilder(URI.create(gatehouse.baseUri() + "/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-amz-target,x-amz-user-agent")
                .build());
        assertEquals(200, r.statusCode());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        String allowed = r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase();
        assertTrue(allowed.contains("x-amz-target") && allowed.contains("content-type"), allowed);
    }

    @Test
    void a_cognito_answer_carries_the_cors_headers_a_browser_needs() throws Exception {
        HttpResponse<String> r = ApiRequest.plain(HttpRequest.newBuilder(URI.create(gatehouse.baseUri() + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"ClientId\":\"" + clients.outputs.userPoolClientId()
                        + "\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{\"USERNAME\":"
                        + "\"admin@example.com\",\"PASSWORD\":\"wrong-Passw0rd!\"}}"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .header("Origin", "http://localhost:3000")
                .build());
        assertEquals(400, r.statusCode());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(r.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("x-amzn-ErrorType"));
        assertEquals("NotAuthorizedException:", r.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertEquals("NotAuthorizedException", JSON.readTree(r.body()).get("__type").asText());
        assertNull(JSON.readTree(r.body()).get("AuthenticationResult"));
    }
}
