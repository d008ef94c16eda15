package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonCall;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserPoolSrpTest {
    static final String POOL_ID = "us-east-1_GateHouse";
    static final String CLIENT_ID = "4gatehouse1notes2client3id";
    static final String SUB = "8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f";
    static final ObjectMapper JSON = new ObjectMapper();

    final ControlledClock clock = new ControlledClock();
    final UserPool pool = newPool(clock);

    static GatehouseConfig.UserPool config() {
        return new GatehouseConfig.UserPool(POOL_ID, "notes-user-pool", CLIENT_ID,
                List.of("USER_SRP_AUTH", "USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH"), 60, 60, 30);
    }

    /** The same client with {@code preventUserExistenceErrors: "ENABLED"}. */
    static GatehouseConfig.UserPool hidingConfig() {
        GatehouseConfig.UserPool c = config();
        return new GatehouseConfig.UserPool(c.id(), c.name(), c.clientId(), c.allowedAuthFlows(), c.idTokenMinutes(),
                c.accessTokenMinutes(), c.refreshTokenDays(), c.refreshTokenRotation(),
                c.attributesRequireVerificationBeforeUpdate(), GatehouseConfig.UserPool.ENABLED);
    }

    static UserPool newPool(ControlledClock clock) {
        return newPool(config(), clock);
    }

    static UserPool newPool(GatehouseConfig.UserPool config, ControlledClock clock) {
        UserPool p = new UserPool(config, "us-east-1", "123456789012", clock, Optional.empty());
        p.createFixtureUser(new GatehouseConfig.User("admin@example.com", "Passw0rd!", SUB));
        return p;
    }

    JsonNode call(String op, String json) throws Exception {
        return call(pool, op, json);
    }

    static JsonNode call(UserPool pool, String op, String json) throws Exception {
        Object out = pool.handle(op, JSON.readTree(json), new AwsJsonCall("r1", Optional.empty(), "127.0.0.1"));
        return JSON.valueToTree(out);
    }

    JsonNode challenge(TestSrpClient client, String username) throws Exception {
        return challenge(pool, client, username);
    }

    static JsonNode challenge(UserPool pool, TestSrpClient client, String username) throws Exception {
        JsonNode r = call(pool, "InitiateAuth", "{\"AuthFlow\":\"USER_SRP_AUTH\",\"ClientId\":\"" + CLIENT_ID
                + "\",\"AuthParameters\":{\"USERNAME\":\"" + username + "\",\"SRP_A\":\"" + client.srpA() + "\"}}");
        assertEquals("PASSWORD_VERIFIER", r.get("ChallengeName").asText());
        return r.get("ChallengeParameters");
    }

    JsonNode answer(TestSrpClient client, JsonNode params, String password, String secretBlock) throws Exception {
        return call("RespondToAuthChallenge", answerJson(client, params, password, secretBlock));
    }

    String answerJson(TestSrpClient client, JsonNode params, String password, String secretBlock) throws Exception {
        return answerJson(client, params, params.get("USER_ID_FOR_SRP").asText(), password, secretBlock,
                TestSrpClient.timestamp(clock.instant()));
    }

    /** The PASSWORD_VERIFIER answer signed for {@code secretBlock} and {@code timestamp}, naming {@code username}. */
    static String answerJson(TestSrpClient client, JsonNode params, String username, String password,
                             String secretBlock, String timestamp) throws Exception {
        String sig = client.signature(params.get("USER_ID_FOR_SRP").asText(), password, params.get("SALT").asText(),
                params.get("SRP_B").asText(), secretBlock, timestamp);
        ObjectNode body = JSON.createObjectNode();
        body.put("ChallengeName", "PASSWORD_VERIFIER");
        body.put("ClientId", CLIENT_ID);
        ObjectNode r = body.putObject("ChallengeResponses");
        r.put("USERNAME", username);
        r.put("PASSWORD_CLAIM_SECRET_BLOCK", secretBlock);
        r.put("TIMESTAMP", timestamp);
        r.put("PASSWORD_CLAIM_SIGNATURE", sig);
        return body.toString();
    }

    @Test
    void srp_sign_in_with_the_right_password_gives_tokens_and_uses_the_sub_as_user_id() throws Exception {
        TestSrpClient client = new TestSrpClient(POOL_ID);
        JsonNode params = challenge(client, "Admin@Example.com");
        assertEquals(SUB, params.get("USER_ID_FOR_SRP").asText());
        assertEquals(SUB, params.get("USERNAME").asText());
        JsonNode result = answer(client, params, "Passw0rd!", params.get("SECRET_BLOCK").asText());
        JsonNode auth = result.get("AuthenticationResult");
        assertEquals("Bearer", auth.get("TokenType").asText());
        assertEquals(3600, auth.get("ExpiresIn").asInt());
        assertTrue(auth.get("IdToken").asText().split("\\.").length == 3);
        String refresh = auth.get("RefreshToken").asText();
        assertTrue(refresh.length() > 40);
        // Cognito's shape (a JWE, five parts), so it never starts with '-' and a command line takes it as a value
        assertTrue(refresh.startsWith("eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ."), refresh);
        assertEquals(5, refresh.split("\\.").length, refresh);
        assertEquals(0, result.get("ChallengeParameters").size());
    }

    @Test
    void srp_with_a_wrong_password_is_refused() throws Exception {
        TestSrpClient client = new TestSrpClient(POOL_ID);
        JsonNode params = challenge(client, "admin@example.com");
        AwsJsonError e = assertThrows(AwsJsonError.class,
                () -> answer(client, params, "Passw0rd?", params.get("SECRET_BLOCK").asText()));
        assertEquals("NotAuthorizedException", e.type());
        assertEquals("Incorrect username or password.", e.getMessage());
    }

    @Test
    void a_tampered_secret_block_is_refused() throws Exception {
        TestSrpClient client = new TestSrpClient(POOL_ID);
        JsonNode params = challenge(client, "admin@example.com");
        byte[] block = Base64.getDecoder().decode(params.get("SECRET_BLOCK").asText());
        block[20] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(block);
        AwsJsonError e = assertThrows(AwsJsonError.class, () -> answer(client, params, "Passw0rd!", tampered));
        assertEquals("NotAuthorizedException", e.type());
    }

    @Test
    void a_replayed_challenge_answer_is_refused() throws Exception {
        TestSrpClient client = new TestSrpClient(POOL_ID);
        JsonNode params = challenge(client, "admin@example.com");
        String block = params.get("SECRET_BLOCK").asText();
        answer(client, params, "Passw0rd!", block);
        AwsJsonError e = assertThrows(AwsJsonError.class, () -> answer(client, params, "Passw0rd!", block));
        assertEquals("Incorrect username or password.", e.getMessage());
    }

    @Test
    void a_stale_timestamp_or_expired_challenge_is_refused() throws Exception {
        TestSrpClient client = new TestSrpClient(POOL_ID);
        JsonNode params = challenge(client, "admin@example.com");
        clock.offset(Duration.ofMinutes(6));
        AwsJsonError e = assertThrows(AwsJsonError.class,
                () -> answer(client, params, "Passw0rd!", params.get("SECRET_BLOCK").asText()));
        assertEquals("NotAuthorizedException", e.type());
    }

    @Test
    void with_existence_errors_prevented_an_unknown_user_gets_a_challenge_that_fails_like_a_wrong_password()
            throws Exception {
        UserPool hiding = newPool(hidingConfig(), clock);
        TestSrpClient client = new TestSrpClient(POOL_ID);
        JsonNode params = challenge(hiding, client, "nobody@example.com");
        AwsJsonError e = assertThrows(AwsJsonError.class, () -> call(hiding, "RespondToAuthChallenge",
                answerJson(client, params, "Passw0rd!", params.get("SECRET_BLOCK").asText())));
        assertEquals("NotAuthorizedException", e.type());
        assertEquals("Incorrect username or password.", e.getMessage());
    }

    @Test
    void with_legacy_existence_errors_an_unknown_user_is_named_at_once() {
        AwsJsonError e = assertThrows(AwsJsonError.class, () -> challenge(new TestSrpClient(POOL_ID),
                "nobody@example.com"));
        assertEquals("UserNotFoundException", e.type());
        assertEquals("User does not exist.", e.getMessage());
    }

    @Test
    void srp_a_of_zero_mod_n_is_refused() {
        AwsJsonError e = assertThrows(AwsJsonError.class, () -> call("InitiateAuth",
                "{\"AuthFlow\":\"USER_SRP_AUTH\",\"ClientId\":\"" + CLIENT_ID + "\",\"AuthParameters\":{\"USERNAME\":"
                        + "\"admin@example.com\",\"SRP_A\":\"" + TestSrpClient.N.toString(16) + "\"}}"));
        assertEquals("InvalidParameterException", e.type());
    }

    @Test
    void the_padhex_rule_matches_between_client_and_server() {
        java.math.BigInteger high = new java.math.BigInteger("80", 16);
        assertEquals("0080", TestSrpClient.padHex(high));
        assertEquals(TestSrpClient.padHex(high), Srp.padHex(high));
        assertEquals("0f", TestSrpClient.padHex(java.math.BigInteger.valueOf(15)));
        assertEquals("0f", Srp.padHex(java.math.BigInteger.valueOf(15)));
    }
}
