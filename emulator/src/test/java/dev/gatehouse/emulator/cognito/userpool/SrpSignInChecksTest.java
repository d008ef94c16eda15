package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.gatehouse.emulator.cognito.userpool.UserPoolSrpTest.CLIENT_ID;
import static dev.gatehouse.emulator.cognito.userpool.UserPoolSrpTest.JSON;
import static dev.gatehouse.emulator.cognito.userpool.UserPoolSrpTest.POOL_ID;
import static dev.gatehouse.emulator.cognito.userpool.UserPoolSrpTest.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks of USER_SRP_AUTH's PASSWORD_VERIFIER answer (PasswordVerifierChallenge, SrpChallenges, Srp), each through
 * InitiateAuth and RespondToAuthChallenge with a client that shares no code with the server ({@link TestSrpClient}).
 */
class SrpSignInChecksTest {
    static final String BOB_SUB = "2c7e3f94-6d90-4f3c-9e50-2c3d4e5f6071";

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final ControlledClock clock = new ControlledClock();
    final UserPool pool;

    SrpSignInChecksTest() {
        clock.freeze(start);
        // As Gatehouse runs it: tokens and lockouts age by the controlled clock, TIMESTAMPs meet the real one.
        pool = new UserPool(UserPoolSrpTest.config(), "us-east-1", "123456789012", clock, clock.signatureClock(),
                java.util.Optional.empty());
        pool.createFixtureUser(new GatehouseConfig.User("admin@example.com", "Passw0rd!", SUB));
    }

    JsonNode challenge(TestSrpClient client, String username) throws Exception {
        return UserPoolSrpTest.challenge(pool, client, username);
    }

    /** The answer to a challenge, with {@code username} as USERNAME and {@code timestamp} as TIMESTAMP. */
    JsonNode answer(TestSrpClient client, JsonNode params, String username, String password, String timestamp)
            throws Exception {
        return UserPoolSrpTest.call(pool, "RespondToAuthChallenge", UserPoolSrpTest.answerJson(client, params, username,
                password, params.get("SECRET_BLOCK").asText(), timestamp));
    }

    /** One whole SRP sign-in, its TIMESTAMP from the real clock (the one Gatehouse compares it with). */
    JsonNode signIn(String username, String password) throws Exception {
        TestSrpClient client = new TestSrpClient(POOL_ID);
        JsonNode params = challenge(client, username);
        return answer(client, params, SUB, password, TestSrpClient.timestamp(Instant.now()));
    }

    String refusal(org.junit.jupiter.api.function.Executable call) {
        AwsJsonError e = assertThrows(AwsJsonError.class, call);
        assertEquals("NotAuthorizedException", e.type());
        return e.getMessage();
    }

    /** Guards Srp.randomBytes: b, the SECRET_BLOCK's id and every salt are fresh randomness, never the same bytes. */
    @Test
    void every_challenge_has_a_fresh_srp_b_and_secret_block_and_every_user_a_fresh_salt() throws Exception {
        JsonNode first = challenge(new TestSrpClient(POOL_ID), "admin@example.com");
        JsonNode second = challenge(new TestSrpClient(POOL_ID), "admin@example.com");
        assertNotEquals(first.get("SRP_B").asText(), second.get("SRP_B").asText());
        assertNotEquals(first.get("SECRET_BLOCK").asText(), second.get("SECRET_BLOCK").asText());

        pool.createFixtureUser(new GatehouseConfig.User("bob@example.com", "Passw0rd!", BOB_SUB));
        JsonNode bobs = challenge(new TestSrpClient(POOL_ID), "bob@example.com");
        assertNotEquals(first.get("SALT").asText(), bobs.get("SALT").asText());
    }

    /**
     * Guards the lockout in PasswordVerifierChallenge: wrong SRP answers count (per user, shared with
     * USER_PASSWORD_AUTH) and, from the fifth, even the right password is refused.
     */
    @Test
    void five_wrong_srp_answers_lock_the_user_out_of_every_password_flow() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals("Incorrect username or password.", refusal(() -> signIn("admin@example.com", "Wr0ng-pass")));
        }
        assertEquals("Password attempts exceeded", refusal(() -> signIn("admin@example.com", "Passw0rd!")));
        assertEquals("Password attempts exceeded", refusal(() -> UserPoolTokensTest.signIn(pool, "admin@example.com",
                "Passw0rd!")));
        clock.freeze(start.plusSeconds(2));
        assertTrue(signIn("admin@example.com", "Passw0rd!").has("AuthenticationResult"));
    }

    /** Guards the lockout's reset: a correct SRP answer starts the count of failures again. */
    @Test
    void a_successful_srp_sign_in_starts_the_count_of_failures_again() throws Exception {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertEquals("Incorrect username or password.",
                        refusal(() -> signIn("admin@example.com", "Wr0ng-pass")));
            }
            assertTrue(signIn("admin@example.com", "Passw0rd!").has("AuthenticationResult"));
        }
    }

    /** Guards the TIMESTAMP window: 5 minutes either way of the real clock is accepted, a second more is refused. */
    @Test
    void a_timestamp_five_minutes_off_is_accepted_and_one_second_more_is_refused_with_gatehouses_reason() {
        Instant now = start;
        for (long skew : new long[] {300, -300}) {
            JsonNode result = clock.at(now, now, () -> {
                try {
                    TestSrpClient client = new TestSrpClient(POOL_ID);
                    return answer(client, challenge(client, "admin@example.com"), SUB, "Passw0rd!",
                            TestSrpClient.timestamp(now.minusSeconds(skew)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(result.has("AuthenticationResult"), "TIMESTAMP off by " + skew + " s");
        }
        for (long skew : new long[] {301, -301}) {
            String timestamp = TestSrpClient.timestamp(now.minusSeconds(skew));
            AwsJsonError e = assertThrows(AwsJsonError.class, () -> clock.at(now, now, () -> {
                try {
                    TestSrpClient client = new TestSrpClient(POOL_ID);
                    return answer(client, challenge(client, "admin@example.com"), SUB, "Passw0rd!", timestamp);
                } catch (AwsJsonError refused) {
                    throw refused;
                } catch (Exception other) {
                    throw new IllegalStateException(other);
                }
            }));
            assertEquals("Incorrect username or password.", e.getMessage());
            assertEquals("SRP_TIMESTAMP", e.reason());
            assertEquals("the TIMESTAMP " + timestamp + " is 301 s " + (skew > 0 ? "behind" : "ahead of")
                    + " Gatehouse's real clock (" + now + "; allowed: 300 s): fix the client's clock, or reset a"
                    + " simulated skew with ./gatehouse control client-skew 0", e.explanation());
        }
    }

    /** Guards the answer's USERNAME: it must name the challenged user (its sub or email), not another user. */
    @Test
    void the_answer_must_name_the_challenged_user_by_sub_or_email() throws Exception {
        pool.createFixtureUser(new GatehouseConfig.User("bob@example.com", "Passw0rd!", BOB_SUB));
        for (String other : new String[] {"bob@example.com", BOB_SUB}) {
            TestSrpClient client = new TestSrpClient(POOL_ID);
            JsonNode params = challenge(client, "admin@example.com");
            assertEquals("Incorrect username or password.", refusal(() -> answer(client, params, other, "Passw0rd!",
                    TestSrpClient.timestamp(Instant.now()))));
        }
        TestSrpClient client = new TestSrpClient(POOL_ID);
        JsonNode params = challenge(client, "admin@example.com");
        assertTrue(answer(client, params, "ADMIN@example.com", "Passw0rd!", TestSrpClient.timestamp(Instant.now()))
                .has("AuthenticationResult"));
    }

    /** Guards the bound on SRP_A: up to 2048 hex digits (leading zeros too) are read, a longer one is refused. */
    @Test
    void srp_a_of_up_to_2048_hex_digits_is_read_and_a_longer_one_is_refused() throws Exception {
        TestSrpClient client = new TestSrpClient(POOL_ID);
        String padded = "0".repeat(2048 - client.srpA().length()) + client.srpA();
        JsonNode r = UserPoolSrpTest.call(pool, "InitiateAuth", "{\"AuthFlow\":\"USER_SRP_AUTH\",\"ClientId\":\""
                + CLIENT_ID + "\",\"AuthParameters\":{\"USERNAME\":\"admin@example.com\",\"SRP_A\":\"" + padded + "\"}}");
        assertEquals("PASSWORD_VERIFIER", r.get("ChallengeName").asText());
        AwsJsonError e = assertThrows(AwsJsonError.class, () -> UserPoolSrpTest.call(pool, "InitiateAuth",
                "{\"AuthFlow\":\"USER_SRP_AUTH\",\"ClientId\":\"" + CLIENT_ID + "\",\"AuthParameters\":{\"USERNAME\":"
                        + "\"admin@example.com\",\"SRP_A\":\"0" + padded + "\"}}"));
        assertEquals("InvalidParameterException", e.type());
        assertEquals("SRP_A is too long", e.getMessage());
    }

    /** Guards TokenIssuer.lastSignIn: the newest sign-in is kept, a refresh of an older session does not move it back. */
    @Test
    void the_last_sign_in_is_the_newest_even_after_refreshing_an_older_session() throws Exception {
        assertNull(pool.lastSignIn(SUB));
        String olderRefresh = signIn("admin@example.com", "Passw0rd!").get("AuthenticationResult")
                .get("RefreshToken").asText();
        assertEquals(start, pool.lastSignIn(SUB));
        clock.freeze(start.plus(Duration.ofMinutes(10)));
        signIn("admin@example.com", "Passw0rd!");
        UserPoolSrpTest.call(pool, "InitiateAuth", "{\"AuthFlow\":\"REFRESH_TOKEN_AUTH\",\"ClientId\":\"" + CLIENT_ID
                + "\",\"AuthParameters\":{\"REFRESH_TOKEN\":\"" + olderRefresh + "\"}}");
        assertEquals(start.plus(Duration.ofMinutes(10)), pool.lastSignIn(SUB));
    }

    /** Guards PasswordVerifier.matches: a stored user without a verifier (an edited data file) matches no password. */
    @Test
    void a_stored_user_without_a_password_verifier_signs_in_with_no_password(@org.junit.jupiter.api.io.TempDir
                                                                             java.nio.file.Path dataDir)
            throws Exception {
        UserPool first = new UserPool(UserPoolSrpTest.config(), "us-east-1", "123456789012", clock,
                clock.signatureClock(), java.util.Optional.of(dataDir));
        UserPoolSrpTest.call(first, "SignUp", "{\"ClientId\":\"" + CLIENT_ID + "\",\"Username\":\"carol@example.com\","
                + "\"Password\":\"Passw0rd!\"}");
        UserPoolSrpTest.call(first, "ConfirmSignUp", "{\"ClientId\":\"" + CLIENT_ID + "\",\"Username\":"
                + "\"carol@example.com\",\"ConfirmationCode\":\"" + first.lastConfirmationCode("carol@example.com")
                + "\"}");
        java.nio.file.Path users = dataDir.resolve("cognito/user-pool-users.json");
        JsonNode stored = JSON.readTree(users.toFile());
        int edited = 0;
        for (JsonNode user : stored.get("users")) {
            ((ObjectNode) user).putNull("salt").putNull("verifier");
            edited++;
        }
        assertEquals(1, edited);
        java.nio.file.Files.writeString(users, stored.toString());

        UserPool restarted = new UserPool(UserPoolSrpTest.config(), "us-east-1", "123456789012", clock,
                clock.signatureClock(), java.util.Optional.of(dataDir));
        assertEquals("Incorrect username or password.",
                refusal(() -> UserPoolTokensTest.signIn(restarted, "carol@example.com", "Passw0rd!")));
        TestSrpClient client = new TestSrpClient(POOL_ID);
        JsonNode params = UserPoolSrpTest.challenge(restarted, client, "carol@example.com");
        String block = params.get("SECRET_BLOCK").asText();
        String timestamp = TestSrpClient.timestamp(Instant.now());
        ObjectNode body = JSON.createObjectNode().put("ChallengeName", "PASSWORD_VERIFIER").put("ClientId", CLIENT_ID);
        body.putObject("ChallengeResponses").put("USERNAME", "carol@example.com")
                .put("PASSWORD_CLAIM_SECRET_BLOCK", block).put("TIMESTAMP", timestamp)
                .put("PASSWORD_CLAIM_SIGNATURE", client.signature(params.get("USER_ID_FOR_SRP").asText(), "Passw0rd!",
                        params.get("SALT").asText(), params.get("SRP_B").asText(), block, timestamp));
        assertEquals("Incorrect username or password.",
                refusal(() -> UserPoolSrpTest.call(restarted, "RespondToAuthChallenge", body.toString())));
        // Each pool writes its signing keys into the data directory from a background thread; no sign-in here waited
        // for them, so wait now, or that write races with JUnit deleting the directory (a flaky failure under PIT).
        first.publicKeys();
        restarted.publicKeys();
    }
}
