package dev.gatehouse.emulator.cognito.e2e;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.cognito.userpool.Outbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Issue 17's guessing attacks, with the AWS SDK v2 against a running Gatehouse: Cognito's lockout after failed
 * sign-ins (both password flows) and the bounded tries of confirmation and reset codes, each ended by moving
 * Gatehouse's clock, never by waiting. The clock is frozen so that the lockout periods are exact.
 */
class GuessingLimitsTest {
    static final String PASSWORD = "Guess-Passw0rd!";
    static final String WRONG = "Wrong-Passw0rd!";
    static final String INCORRECT = "Incorrect username or password.";
    static final String EXCEEDED = "Password attempts exceeded";
    static Gatehouse gatehouse;
    static CognitoClients clients;
    static SignIn srp;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        clients = new CognitoClients(gatehouse);
        srp = new SignIn(gatehouse.outputs(), gatehouse.baseUri(), gatehouse.clock());
    }

    @AfterAll
    static void stop() {
        srp.close();
        clients.close();
        gatehouse.close();
    }

    @AfterEach
    void clockBack() {
        gatehouse.clock().resume();
    }

    static void at(Instant t) {
        gatehouse.clock().freeze(t);
    }

    static String refusedWith(String type, Runnable call) {
        AwsServiceException e = CognitoClients.refused(call);
        assertEquals(type, e.awsErrorDetails().errorCode(), e.toString());
        return e.awsErrorDetails().errorMessage();
    }

    static String passwordSignIn(String email, String password) {
        return refusedWith("NotAuthorizedException", () -> clients.passwordAuth(email, password));
    }

    String clientId() {
        return clients.outputs.userPoolClientId();
    }

    @Test
    void forty_wrong_passwords_then_the_right_one_is_refused_until_the_lockout_ends() {
        String email = CognitoClients.freshEmail("forty");
        clients.confirmedUser(email, PASSWORD);
        Instant t = Instant.now();
        at(t);
        for (int i = 1; i <= 40; i++) {
            assertEquals(i <= 5 ? INCORRECT : EXCEEDED, passwordSignIn(email, WRONG), "attempt " + i);
        }
        assertEquals(EXCEEDED, passwordSignIn(email, PASSWORD), "the right password during the lockout");
        at(t.plusMillis(999));
        assertEquals(EXCEEDED, passwordSignIn(email, PASSWORD));
        at(t.plusSeconds(1));
        assertNotNull(clients.passwordAuth(email, PASSWORD).idToken(), "after the 1 s lockout");
        assertEquals(INCORRECT, passwordSignIn(email, WRONG), "a success starts the count again");
    }

    @Test
    void the_lockout_doubles_with_each_failure_up_to_15_minutes_and_15_quiet_minutes_reset_it() {
        String email = CognitoClients.freshEmail("doubling");
        clients.confirmedUser(email, PASSWORD);
        Instant t = Instant.now();
        at(t);
        for (int i = 0; i < 5; i++) {
            passwordSignIn(email, WRONG);
        }
        Instant lockedUntil = t.plusSeconds(1);
        for (int n = 6; n <= 16; n++) {
            at(lockedUntil.minusMillis(1));
            assertEquals(EXCEEDED, passwordSignIn(email, WRONG), "failure " + n + " one ms early");
            at(lockedUntil);
            assertEquals(INCORRECT, passwordSignIn(email, WRONG), "failure " + n);
            long seconds = Math.min(1L << (n - 5), 900);
            lockedUntil = lockedUntil.plusSeconds(seconds);
        }
        at(lockedUntil.minusMillis(1));
        assertEquals(EXCEEDED, passwordSignIn(email, PASSWORD), "locked for 15 minutes at most, not 2^11 s");
        at(lockedUntil.plus(Duration.ofMinutes(15)));
        for (int i = 1; i <= 5; i++) {
            assertEquals(INCORRECT, passwordSignIn(email, WRONG), "after 15 quiet minutes, attempt " + i);
        }
        assertEquals(EXCEEDED, passwordSignIn(email, PASSWORD));
    }

    @Test
    void srp_sign_in_shares_the_lockout() {
        String email = CognitoClients.freshEmail("srp-lockout");
        clients.confirmedUser(email, PASSWORD);
        Instant t = Instant.now();
        at(t);
        for (int i = 1; i <= 4; i++) {
            assertEquals(INCORRECT, refusedWith("NotAuthorizedException", () -> srp.srp(email, WRONG)), "SRP " + i);
        }
        assertEquals(INCORRECT, passwordSignIn(email, WRONG), "the fifth, by password");
        assertEquals(EXCEEDED, refusedWith("NotAuthorizedException", () -> srp.srp(email, PASSWORD)));
        at(t.plusSeconds(1));
        assertNotNull(srp.srp(email, PASSWORD).idToken());
    }

    @Test
    void three_hundred_wrong_sign_up_codes_then_the_right_one_is_refused_for_an_hour() {
        String email = CognitoClients.freshEmail("codes-300");
        Instant t = Instant.now();
        at(t);
        clients.signUp(email, PASSWORD);
        String code = gatehouse.messages(email).get(0).code();
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 1; i <= 300; i++) {
            String expected = i <= 5 ? "CodeMismatchException" : "TooManyFailedAttemptsException";
            refusedWith(expected, () -> confirm(email, wrong));
        }
        refusedWith("TooManyFailedAttemptsException", () -> confirm(email, code));
        at(t.plus(Duration.ofHours(1)).minusMillis(1));
        refusedWith("TooManyFailedAttemptsException", () -> confirm(email, code));
        at(t.plus(Duration.ofHours(1)));
        confirm(email, code);
        gatehouse.clock().resume();
        assertEquals("CONFIRMED", clients.admin.adminGetUser(r -> r.userPoolId(clients.outputs.userPoolId())
                .username(email)).userStatusAsString());
    }

    @Test
    void a_reset_code_allows_five_wrong_tries_an_hour() {
        String email = CognitoClients.freshEmail("reset-tries");
        clients.signUp(email, PASSWORD);
        confirm(email, gatehouse.messages(email).get(0).code());
        Instant t = Instant.now();
        at(t);
        clients.userPool.forgotPassword(r -> r.clientId(clientId()).username(email));
        String code = latest(email, Outbox.Kind.FORGOT_PASSWORD);
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 1; i <= 5; i++) {
            refusedWith("CodeMismatchException", () -> confirmForgot(email, wrong));
        }
        assertEquals("Attempt limit exceeded, please try after some time.",
                refusedWith("LimitExceededException", () -> confirmForgot(email, code)));
        at(t.plus(Duration.ofHours(1)));
        refusedWith("ExpiredCodeException", () -> confirmForgot(email, code));
        clients.userPool.forgotPassword(r -> r.clientId(clientId()).username(email));
        confirmForgot(email, latest(email, Outbox.Kind.FORGOT_PASSWORD));
        assertNotNull(clients.passwordAuth(email, "Guess-N3w-Passw0rd!").idToken());
    }

    @Test
    void codes_are_sent_at_most_five_times_an_hour() {
        String email = CognitoClients.freshEmail("sends");
        Instant t = Instant.now();
        at(t);
        clients.signUp(email, PASSWORD);
        for (int i = 2; i <= 5; i++) {
            clients.userPool.resendConfirmationCode(r -> r.clientId(clientId()).username(email));
        }
        assertEquals("Attempt limit exceeded, please try after some time.", refusedWith("LimitExceededException",
                () -> clients.userPool.resendConfirmationCode(r -> r.clientId(clientId()).username(email))));
        assertEquals(5, gatehouse.messages(email).size());
        at(t.plus(Duration.ofHours(1)));
        clients.userPool.resendConfirmationCode(r -> r.clientId(clientId()).username(email));
        confirm(email, latest(email, Outbox.Kind.RESEND));
    }

    void confirm(String email, String code) {
        clients.userPool.confirmSignUp(r -> r.clientId(clientId()).username(email).confirmationCode(code));
    }

    void confirmForgot(String email, String code) {
        clients.userPool.confirmForgotPassword(r -> r.clientId(clientId()).username(email).confirmationCode(code)
                .password("Guess-N3w-Passw0rd!"));
    }

    static String latest(String email, Outbox.Kind kind) {
        Outbox.Message m = gatehouse.messages(email).get(0);
        assertEquals(kind, m.kind());
        return m.code();
    }
}
