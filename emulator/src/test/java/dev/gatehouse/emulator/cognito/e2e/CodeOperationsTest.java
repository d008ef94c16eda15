package dev.gatehouse.emulator.cognito.e2e;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.cognito.userpool.Outbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * ForgotPassword, ConfirmForgotPassword and ResendConfirmationCode with the AWS SDK v2 against a running Gatehouse
 * with the default {@code preventUserExistenceErrors} (LEGACY): codes from the outbox, their expiry and single use,
 * and the errors a client sees.
 */
class CodeOperationsTest {
    static final String PASSWORD = "Codes-Passw0rd!";
    static final String NEW_PASSWORD = "Codes-N3w-Passw0rd!";
    static Gatehouse gatehouse;
    static CognitoClients clients;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        clients = new CognitoClients(gatehouse);
    }

    @AfterAll
    static void stop() {
        clients.close();
        gatehouse.close();
    }

    @AfterEach
    void clockBack() {
        gatehouse.clock().resume();
    }

    String clientId() {
        return clients.outputs.userPoolClientId();
    }

    /** Signs up and confirms with the SIGN_UP code from the outbox (so the email is verified). */
    String verifiedUser(String test) {
        String email = CognitoClients.freshEmail(test);
        clients.signUp(email, PASSWORD);
        clients.userPool.confirmSignUp(r -> r.clientId(clientId()).username(email)
                .confirmationCode(latest(email, Outbox.Kind.SIGN_UP)));
        return email;
    }

    static String latest(String email, Outbox.Kind kind) {
        Outbox.Message m = gatehouse.messages(email).get(0);
        assertEquals(kind, m.kind(), "the newest message to " + email);
        return m.code();
    }

    CodeDeliveryDetailsType forgot(String username) {
        return clients.userPool.forgotPassword(r -> r.clientId(clientId()).username(username)).codeDeliveryDetails();
    }

    void confirmForgot(String username, String code, String password) {
        clients.userPool.confirmForgotPassword(r -> r.clientId(clientId()).username(username).confirmationCode(code)
                .password(password));
    }

    static void refused(String type, String message, Runnable call) {
        AwsServiceException e = CognitoClients.refused(call);
        assertEquals(400, e.statusCode(), e.toString());
        assertEquals(type, e.awsErrorDetails().errorCode(), e.toString());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    @Test
    void forgot_password_sends_a_code_that_sets_a_new_password() {
        String email = verifiedUser("forgot");
        CodeDeliveryDetailsType delivery = forgot(email);
        assertEquals(DeliveryMediumType.EMAIL, delivery.deliveryMedium());
        assertEquals("email", delivery.attributeName());
        assertEquals(email.charAt(0) + "***@e***", delivery.destination());

        confirmForgot(email, latest(email, Outbox.Kind.FORGOT_PASSWORD), NEW_PASSWORD);

        assertNotEquals(null, clients.passwordAuth(email, NEW_PASSWORD).idToken());
        refused("NotAuthorizedException", "Incorrect username or password.",
                () -> clients.passwordAuth(email, PASSWORD));
    }

    @Test
    void a_reset_code_is_good_once_and_for_one_hour() {
        String email = verifiedUser("reset-once");
        forgot(email);
        String code = latest(email, Outbox.Kind.FORGOT_PASSWORD);
        String wrong = code.equals("000000") ? "000001" : "000000";
        refused("CodeMismatchException", "Invalid verification code provided, please try again.",
                () -> confirmForgot(email, wrong, NEW_PASSWORD));
        confirmForgot(email, code, NEW_PASSWORD);
        refused("ExpiredCodeException", "Invalid code provided, please request a code again.",
                () -> confirmForgot(email, code, "Another-Passw0rd!"));

        Instant t = Instant.now();
        gatehouse.clock().freeze(t);
        forgot(email);
        String replaced = latest(email, Outbox.Kind.FORGOT_PASSWORD);
        gatehouse.clock().freeze(t.plus(Duration.ofMinutes(30)));
        forgot(email);
        String current = latest(email, Outbox.Kind.FORGOT_PASSWORD);
        if (!replaced.equals(current)) {
            refused("CodeMismatchException", "Invalid verification code provided, please try again.",
                    () -> confirmForgot(email, replaced, "Another-Passw0rd!"));
        }
        gatehouse.clock().freeze(t.plus(Duration.ofMinutes(90)));
        refused("ExpiredCodeException", "Invalid code provided, please request a code again.",
                () -> confirmForgot(email, current, "Another-Passw0rd!"));
        gatehouse.clock().freeze(t.plus(Duration.ofMinutes(90)).minusMillis(1));
        confirmForgot(email, current, "Another-Passw0rd!");
        assertNotEquals(null, clients.passwordAuth(email, "Another-Passw0rd!").idToken());
    }

    @Test
    void confirming_without_a_requested_code_answers_expired_code() {
        String email = verifiedUser("no-request");
        refused("ExpiredCodeException", "Invalid code provided, please request a code again.",
                () -> confirmForgot(email, "123456", NEW_PASSWORD));
    }

    @Test
    void a_user_without_a_verified_email_cannot_reset_and_a_new_password_meets_the_policy() {
        String unverified = CognitoClients.freshEmail("unverified");
        clients.confirmedUser(unverified, PASSWORD);
        refused("InvalidParameterException", "Cannot reset password for the user as there is no registered/verified "
                + "email or phone_number", () -> forgot(unverified));
        assertEquals(List.of(Outbox.Kind.SIGN_UP), gatehouse.messages(unverified).stream().map(Outbox.Message::kind)
                .toList(), "no reset code was sent");

        String email = verifiedUser("policy");
        forgot(email);
        String code = latest(email, Outbox.Kind.FORGOT_PASSWORD);
        refused("InvalidPasswordException", "Password did not conform with policy: Password must have symbol "
                + "characters", () -> confirmForgot(email, code, "NoSymbol123"));
        confirmForgot(email, code, NEW_PASSWORD);
    }

    @Test
    void resend_replaces_the_sign_up_code() {
        String email = CognitoClients.freshEmail("resend");
        clients.signUp(email, PASSWORD);
        String first = latest(email, Outbox.Kind.SIGN_UP);
        CodeDeliveryDetailsType delivery = clients.userPool.resendConfirmationCode(r -> r.clientId(clientId())
                .username(email)).codeDeliveryDetails();
        assertEquals(email.charAt(0) + "***@e***", delivery.destination());
        assertEquals(DeliveryMediumType.EMAIL, delivery.deliveryMedium());
        String second = latest(email, Outbox.Kind.RESEND);
        assertEquals(List.of(Outbox.Kind.RESEND, Outbox.Kind.SIGN_UP), gatehouse.messages(email).stream()
                .map(Outbox.Message::kind).toList(), "newest first");
        if (!first.equals(second)) {
            refused("CodeMismatchException", "Invalid verification code provided, please try again.",
                    () -> clients.userPool.confirmSignUp(r -> r.clientId(clientId()).username(email)
                            .confirmationCode(first)));
        }
        clients.userPool.confirmSignUp(r -> r.clientId(clientId()).username(email).confirmationCode(second));
        refused("InvalidParameterException", "User is already confirmed.",
                () -> clients.userPool.resendConfirmationCode(r -> r.clientId(clientId()).username(email)));
    }

    @Test
    void a_sign_up_code_expires_after_24_hours() {
        String email = CognitoClients.freshEmail("signup-expiry");
        Instant t = Instant.now();
        gatehouse.clock().freeze(t);
        clients.signUp(email, PASSWORD);
        String code = latest(email, Outbox.Kind.SIGN_UP);
        gatehouse.clock().freeze(t.plus(Duration.ofHours(24)));
        refused("ExpiredCodeException", "Invalid code provided, please request a code again.",
                () -> clients.userPool.confirmSignUp(r -> r.clientId(clientId()).username(email)
                        .confirmationCode(code)));
        gatehouse.clock().freeze(t.plus(Duration.ofHours(24)).minusMillis(1));
        clients.userPool.confirmSignUp(r -> r.clientId(clientId()).username(email).confirmationCode(code));
    }

    @Test
    void legacy_existence_errors_name_an_unknown_user_in_every_operation() {
        String nobody = CognitoClients.freshEmail("nobody");
        String notFound = "Username/client id combination not found.";
        refused("UserNotFoundException", "User does not exist.", () -> clients.passwordAuth(nobody, PASSWORD));
        refused("UserNotFoundException", "User does not exist.", () -> clients.userPool.initiateAuth(r -> r
                .authFlow(AuthFlowType.USER_SRP_AUTH).clientId(clientId())
                .authParameters(Map.of("USERNAME", nobody, "SRP_A", "abcdef0123456789"))));
        refused("UserNotFoundException", notFound, () -> clients.userPool.confirmSignUp(r -> r.clientId(clientId())
                .username(nobody).confirmationCode("123456")));
        refused("UserNotFoundException", notFound, () -> forgot(nobody));
        refused("UserNotFoundException", notFound, () -> confirmForgot(nobody, "123456", NEW_PASSWORD));
        refused("UserNotFoundException", notFound, () -> clients.userPool.resendConfirmationCode(r -> r
                .clientId(clientId()).username(nobody)));
        assertEquals(List.of(), gatehouse.messages(nobody));
    }
}
