package dev.gatehouse.emulator.cognito.e2e;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SrpClient;
import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code userPool.preventUserExistenceErrors: "ENABLED"} through a running Gatehouse: for a username nobody has, every
 * operation the "Managing user existence error responses" page lists answers as for a real user who got it wrong,
 * and the SRP decoy looks like a real user (v4 id, salt, same answer, same lockout).
 */
class HiddenUserExistenceTest {
    static final String PASSWORD = "Hidden-Passw0rd!";
    static final String INCORRECT = "Incorrect username or password.";
    static Gatehouse gatehouse;
    static CognitoClients clients;

    @BeforeAll
    static void start() throws Exception {
        Path dir = ExternalTool.tempDir("hidden-existence");
        Path fixture = Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"), "gatehouse.json");
        String json = Files.readString(fixture);
        String enabled = json.replace("\"refreshTokenDays\": 30", "\"refreshTokenDays\": 30,\n    "
                + "\"preventUserExistenceErrors\": \"ENABLED\"");
        assertNotEquals(json, enabled, "the fixture's userPool block changed: adjust this test");
        Path config = dir.resolve("gatehouse.json");
        Files.writeString(config, enabled);
        gatehouse = Gatehouse.builder().config(config).port(0).start();
        assertEquals(GatehouseConfig.UserPool.ENABLED, gatehouse.config().userPool().preventUserExistenceErrors());
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

    static AwsServiceException refused(String type, String message, Runnable call) {
        AwsServiceException e = CognitoClients.refused(call);
        assertEquals(type, e.awsErrorDetails().errorCode(), e.toString());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        return e;
    }

    InitiateAuthResponse srpStart(String username) {
        return clients.userPool.initiateAuth(r -> r.authFlow(AuthFlowType.USER_SRP_AUTH).clientId(clientId())
                .authParameters(Map.of("USERNAME", username, "SRP_A", new SrpClient(clients.outputs.userPoolId())
                        .srpA())));
    }

    @Test
    void sign_in_answers_an_unknown_user_as_a_wrong_password() {
        String nobody = CognitoClients.freshEmail("hidden-nobody");
        refused("NotAuthorizedException", INCORRECT, () -> clients.passwordAuth(nobody, PASSWORD));
        AwsServiceException e = CognitoClients.refused(() -> new dev.gatehouse.emulator.client.SignIn(
                gatehouse.outputs(), gatehouse.baseUri(), java.time.Clock.systemUTC()).srp(nobody, PASSWORD));
        assertEquals("NotAuthorizedException", e.awsErrorDetails().errorCode());
        assertEquals(INCORRECT, e.awsErrorDetails().errorMessage());
    }

    @Test
    void the_srp_decoy_looks_like_a_real_user() {
        String real = CognitoClients.freshEmail("hidden-real");
        String sub = clients.confirmedUser(real, PASSWORD);
        String nobody = CognitoClients.freshEmail("hidden-decoy");

        InitiateAuthResponse realChallenge = srpStart(real);
        InitiateAuthResponse decoy = srpStart(nobody);
        assertEquals(ChallengeNameType.PASSWORD_VERIFIER, decoy.challengeName());
        assertEquals(realChallenge.challengeParameters().keySet(), decoy.challengeParameters().keySet());
        assertEquals(sub, realChallenge.challengeParameters().get("USER_ID_FOR_SRP"));
        UUID realId = UUID.fromString(sub);
        UUID decoyId = UUID.fromString(decoy.challengeParameters().get("USER_ID_FOR_SRP"));
        assertEquals(realId.version(), decoyId.version(), "a v4 id like a real sub");
        assertEquals(4, decoyId.version());
        assertEquals(realId.variant(), decoyId.variant());
        assertEquals(decoyId.toString(), decoy.challengeParameters().get("USERNAME"));
        assertTrue(decoy.challengeParameters().get("SALT").matches("[0-9a-f]{1,32}"), decoy.toString());
        assertTrue(decoy.challengeParameters().get("SRP_B").matches("[0-9a-f]{700,768}"), decoy.toString());

        InitiateAuthResponse again = srpStart(nobody.toUpperCase(java.util.Locale.ROOT));
        assertEquals(decoyId.toString(), again.challengeParameters().get("USER_ID_FOR_SRP"), "stable per username");
        assertEquals(decoy.challengeParameters().get("SALT"), again.challengeParameters().get("SALT"));
        assertNotEquals(decoy.challengeParameters().get("SRP_B"), again.challengeParameters().get("SRP_B"));
        assertNotEquals(decoyId, UUID.fromString(srpStart(CognitoClients.freshEmail("other"))
                .challengeParameters().get("USER_ID_FOR_SRP")));
    }

    @Test
    void an_unknown_username_locks_out_like_a_real_one() {
        String real = CognitoClients.freshEmail("hidden-lock-real");
        clients.confirmedUser(real, PASSWORD);
        String nobody = CognitoClients.freshEmail("hidden-lock-nobody");
        gatehouse.clock().freeze(Instant.now());
        for (String user : List.of(real, nobody)) {
            for (int i = 1; i <= 6; i++) {
                refused("NotAuthorizedException", i <= 5 ? INCORRECT : "Password attempts exceeded",
                        () -> clients.passwordAuth(user, "Wrong-Passw0rd!"));
            }
        }
    }

    @Test
    void code_operations_simulate_a_delivery_or_a_wrong_code() {
        String real = CognitoClients.freshEmail("hidden-codes-real");
        clients.signUp(real, PASSWORD);
        String nobody = CognitoClients.freshEmail("hidden-codes-nobody");

        CodeDeliveryDetailsType resentReal = clients.userPool.resendConfirmationCode(r -> r.clientId(clientId())
                .username(real)).codeDeliveryDetails();
        CodeDeliveryDetailsType resentNobody = clients.userPool.resendConfirmationCode(r -> r.clientId(clientId())
                .username(nobody)).codeDeliveryDetails();
        assertEquals(resentReal.deliveryMedium(), resentNobody.deliveryMedium());
        assertEquals(resentReal.attributeName(), resentNobody.attributeName());
        assertEquals(nobody.charAt(0) + "***@e***", resentNobody.destination());

        CodeDeliveryDetailsType forgotNobody = clients.userPool.forgotPassword(r -> r.clientId(clientId())
                .username(nobody)).codeDeliveryDetails();
        assertEquals(resentNobody, forgotNobody);
        CodeDeliveryDetailsType forgotUnverified = clients.userPool.forgotPassword(r -> r.clientId(clientId())
                .username(real)).codeDeliveryDetails();
        assertEquals(real.charAt(0) + "***@e***", forgotUnverified.destination(),
                "an unverified user gets a simulated delivery too");

        String mismatch = "Invalid verification code provided, please try again.";
        refused("CodeMismatchException", mismatch, () -> clients.userPool.confirmSignUp(r -> r.clientId(clientId())
                .username(nobody).confirmationCode("123456")));
        refused("CodeMismatchException", mismatch, () -> clients.userPool.confirmForgotPassword(r -> r
                .clientId(clientId()).username(nobody).confirmationCode("123456").password("Hidden-N3w-Passw0rd!")));
        assertEquals(List.of(), gatehouse.messages(nobody), "nothing is sent to an unknown user");
        assertEquals(2, gatehouse.messages(real).size(), "sign-up and resend; no reset code while unverified");
    }
}
