package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.emulator.awsjson.AwsJsonCall;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserPoolTokensTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ISS = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse";
    static final GatehouseConfig.User ADMIN = new GatehouseConfig.User("admin@example.com", "Passw0rd!",
            UserPoolSrpTest.SUB);

    static JsonNode call(UserPool pool, String op, String json) throws Exception {
        return JSON.valueToTree(pool.handle(op, JSON.readTree(json), new AwsJsonCall("r", Optional.empty(), "ip")));
    }

    static JsonNode signIn(UserPool pool, String email, String password) throws Exception {
        return call(pool, "InitiateAuth", "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\""
                + UserPoolSrpTest.CLIENT_ID + "\",\"AuthParameters\":{\"USERNAME\":\"" + email
                + "\",\"PASSWORD\":\"" + password + "\"}}").get("AuthenticationResult");
    }

    static JWTClaimsSet verify(String jwksJson, String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(jwksJson))));
        return processor.process(token, null);
    }

    @Test
    void tokens_verify_against_the_jwks_and_carry_cognitos_claims() throws Exception {
        UserPool pool = UserPoolSrpTest.newPool(new ControlledClock());
        JsonNode auth = signIn(pool, "admin@example.com", "Passw0rd!");
        String jwks = pool.jwksJson();
        assertEquals(2, JWKSet.parse(jwks).getKeys().size());
        assertFalse(jwks.contains("\"d\""), "private key material must not be published");

        JWTClaimsSet id = verify(jwks, auth.get("IdToken").asText());
        assertEquals(UserPoolSrpTest.SUB, id.getSubject());
        assertEquals(List.of(UserPoolSrpTest.CLIENT_ID), id.getAudience());
        assertEquals("id", id.getStringClaim("token_use"));
        assertEquals(ISS, id.getIssuer());
        assertEquals(UserPoolSrpTest.SUB, id.getStringClaim("cognito:username"));
        assertEquals("admin@example.com", id.getStringClaim("email"));
        assertEquals(Boolean.TRUE, id.getBooleanClaim("email_verified"));
        for (String claim : List.of("auth_time", "exp", "iat", "jti", "origin_jti", "event_id")) {
            assertNotNull(id.getClaim(claim), claim);
        }
        assertEquals(3600, (id.getExpirationTime().getTime() - id.getIssueTime().getTime()) / 1000);

        JWTClaimsSet access = verify(jwks, auth.get("AccessToken").asText());
        assertEquals("access", access.getStringClaim("token_use"));
        assertEquals("aws.cognito.signin.user.admin", access.getStringClaim("scope"));
        assertEquals(UserPoolSrpTest.CLIENT_ID, access.getStringClaim("client_id"));
        assertEquals(UserPoolSrpTest.SUB, access.getStringClaim("username"));
        assertEquals(id.getStringClaim("origin_jti"), access.getStringClaim("origin_jti"));
        assertNotEquals(SignedJWT.parse(auth.get("IdToken").asText()).getHeader().getKeyID(),
                SignedJWT.parse(auth.get("AccessToken").asText()).getHeader().getKeyID());
    }

    @Test
    void openid_configuration_names_the_issuer_and_jwks() throws Exception {
        UserPool pool = UserPoolSrpTest.newPool(new ControlledClock());
        JsonNode conf = JSON.readTree(pool.openIdConfigurationJson());
        assertEquals(ISS, conf.get("issuer").asText());
        assertEquals(ISS + "/.well-known/jwks.json", conf.get("jwks_uri").asText());
        assertEquals("RS256", conf.get("id_token_signing_alg_values_supported").get(0).asText());
    }

    @Test
    void an_expired_access_token_is_refused() throws Exception {
        ControlledClock clock = new ControlledClock();
        UserPool pool = UserPoolSrpTest.newPool(clock);
        String access = signIn(pool, "admin@example.com", "Passw0rd!").get("AccessToken").asText();
        clock.offset(Duration.ofMinutes(61));
        AwsJsonError e = assertThrows(AwsJsonError.class,
                () -> call(pool, "GetUser", "{\"AccessToken\":\"" + access + "\"}"));
        assertEquals("Access Token has expired", e.getMessage());
    }

    @Test
    void keys_users_and_refresh_tokens_survive_a_restart_on_the_same_data_dir(@TempDir Path dir) throws Exception {
        ControlledClock clock = new ControlledClock();
        UserPool first = new UserPool(UserPoolSrpTest.config(), "us-east-1", "123456789012", clock,
                Optional.of(dir));
        first.createFixtureUser(ADMIN);
        call(first, "SignUp", "{\"ClientId\":\"" + UserPoolSrpTest.CLIENT_ID + "\",\"Username\":\"kept@example.com\","
                + "\"Password\":\"Kept-Pass1\"}");
        call(first, "ConfirmSignUp", "{\"ClientId\":\"" + UserPoolSrpTest.CLIENT_ID
                + "\",\"Username\":\"kept@example.com\",\"ConfirmationCode\":\""
                + first.lastConfirmationCode("kept@example.com") + "\"}");
        JsonNode auth = signIn(first, "kept@example.com", "Kept-Pass1");
        String jwks = first.jwksJson();
        String stored = Files.readString(dir.resolve("cognito/user-pool-users.json"));
        assertFalse(stored.contains("Kept-Pass1"), "passwords are stored only as verifiers");
        assertFalse(stored.contains(auth.get("RefreshToken").asText()), "refresh tokens are stored only hashed");

        UserPool second = new UserPool(UserPoolSrpTest.config(), "us-east-1", "123456789012", clock,
                Optional.of(dir));
        second.createFixtureUser(ADMIN);
        assertEquals(jwks, second.jwksJson());
        verify(second.jwksJson(), auth.get("IdToken").asText());
        assertNotNull(signIn(second, "kept@example.com", "Kept-Pass1").get("IdToken"));
        assertNotNull(signIn(second, "admin@example.com", "Passw0rd!").get("IdToken"));
        JsonNode refreshed = call(second, "InitiateAuth", "{\"AuthFlow\":\"REFRESH_TOKEN_AUTH\",\"ClientId\":\""
                + UserPoolSrpTest.CLIENT_ID + "\",\"AuthParameters\":{\"REFRESH_TOKEN\":\""
                + auth.get("RefreshToken").asText() + "\"}}");
        assertTrue(refreshed.get("AuthenticationResult").has("AccessToken"));
        assertEquals(2, second.users().size());
        assertTrue(second.disableUser("KEPT@example.com"));
        assertFalse(second.findUserByEmail("kept@example.com").orElseThrow().enabled());
    }
}
