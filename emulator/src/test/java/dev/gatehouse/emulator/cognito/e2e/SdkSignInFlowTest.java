package dev.gatehouse.emulator.cognito.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole guide with the AWS SDK for Java v2 against a running Gatehouse: sign-up, AdminConfirmSignUp signed with the
 * developer's keys (verified by Gatehouse's SigV4 verifier for cognito-idp), sign-in (USER_PASSWORD_AUTH and SRP),
 * GetId, GetCredentialsForIdentity, then a SigV4-signed POST /notes.
 */
class SdkSignInFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "Sdk-Passw0rd!";
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

    @Test
    void cognito_answers_carry_a_uuid_request_id_as_aws_services_do() {
        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        String userPoolRequestId = clients.admin.listUsers(r -> r.userPoolId(clients.outputs.userPoolId()).limit(1))
                .responseMetadata().requestId();
        assertTrue(userPoolRequestId.matches(uuid), userPoolRequestId);
        var refused = assertThrows(software.amazon.awssdk.services.cognitoidentityprovider.model
                .NotAuthorizedException.class, () -> clients.passwordAuth("admin@example.com", "wrong-Passw0rd!"));
        assertTrue(refused.requestId().matches(uuid), refused.requestId());
    }

    @Test
    void a_new_user_signs_up_signs_in_gets_credentials_and_creates_a_note() throws Exception {
        String email = CognitoClients.freshEmail("sdk");
        String sub = clients.signUp(email, PASSWORD);
        clients.admin.adminConfirmSignUp(r -> r.userPoolId(clients.outputs.userPoolId()).username(email));

        AuthenticationResultType byPassword = clients.passwordAuth(email, PASSWORD);
        SignedJWT idToken = SignedJWT.parse(byPassword.idToken());
        assertEquals(sub, idToken.getJWTClaimsSet().getSubject());
        assertEquals(email, idToken.getJWTClaimsSet().getStringClaim("email"));
        assertEquals("id", idToken.getJWTClaimsSet().getStringClaim("token_use"));
        assertEquals(3600, byPassword.expiresIn());

        SignIn.Tokens bySrp;
        try (SignIn signIn = new SignIn(clients.outputs, gatehouse.baseUri(), Clock.systemUTC())) {
            bySrp = signIn.srp(email, PASSWORD);
        }
        assertEquals(sub, SignedJWT.parse(bySrp.idToken()).getJWTClaimsSet().getSubject());

        String identityId = clients.getId(bySrp.idToken());
        assertTrue(identityId.matches("us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                identityId);
        assertEquals(identityId, clients.getId(byPassword.idToken()), "one identity per user, whatever the flow");
        assertEquals(identityId, gatehouse.identityIdOf(email));
        Credentials credentials = clients.credentialsFor(identityId, bySrp.idToken());
        assertTrue(credentials.accessKeyId().startsWith("ASIA"), credentials.accessKeyId());
        assertTrue(credentials.expiration().isAfter(Instant.now()));

        HttpResponse<String> created = ApiRequest.send(CognitoClients.identity(credentials), "POST",
                gatehouse.baseUri(), "/notes", "{\"content\":\"signed up with the SDK\",\"attachment\":\"a.jpg\"}");
        assertEquals(200, created.statusCode(), created.body());
        JsonNode note = JSON.readTree(created.body());
        assertEquals(identityId, note.get("userId").asText());
        assertEquals("signed up with the SDK", note.get("content").asText());

        HttpResponse<String> read = ApiRequest.send(CognitoClients.identity(credentials), "GET",
                gatehouse.baseUri(), "/notes/" + note.get("noteId").asText(), null);
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(identityId, JSON.readTree(read.body()).get("userId").asText());
    }

    @Test
    void an_unsigned_admin_call_is_refused_and_changes_nothing() {
        String email = CognitoClients.freshEmail("unsigned-admin");
        clients.signUp(email, PASSWORD);
        AwsServiceException e = CognitoClients.refused(() -> clients.userPool.adminConfirmSignUp(
                r -> r.userPoolId(clients.outputs.userPoolId()).username(email)));
        assertEquals("MissingAuthenticationTokenException", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertStillUnconfirmed(email);
    }

    @Test
    void an_admin_call_signed_with_a_wrong_secret_is_refused_as_a_bad_signature() {
        String email = CognitoClients.freshEmail("wrong-secret");
        clients.signUp(email, PASSWORD);
        var developer = gatehouse.developerCredentials();
        try (CognitoIdentityProviderClient forger = clients.userPool(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(developer.accessKeyId(), developer.secretAccessKey() + "x")))) {
            AwsServiceException e = CognitoClients.refused(() -> forger.adminConfirmSignUp(
                    r -> r.userPoolId(clients.outputs.userPoolId()).username(email)));
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith(
                    "The request signature we calculated does not match the signature you provided."),
                    e.awsErrorDetails().errorMessage());
        }
        assertStillUnconfirmed(email);
    }

    @Test
    void an_admin_call_signed_with_an_unknown_key_is_refused_as_unrecognized() {
        String email = CognitoClients.freshEmail("unknown-key");
        clients.signUp(email, PASSWORD);
        try (CognitoIdentityProviderClient stranger = clients.userPool(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAUNKNOWNDEVELOPER", "not-a-known-secret-key-0000000000000000")))) {
            AwsServiceException e = CognitoClients.refused(() -> stranger.adminConfirmSignUp(
                    r -> r.userPoolId(clients.outputs.userPoolId()).username(email)));
            assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
        }
        assertStillUnconfirmed(email);
    }

    @Test
    void an_admin_call_signed_with_identity_credentials_is_denied() throws Exception {
        String email = CognitoClients.freshEmail("identity-as-admin");
        clients.confirmedUser(email, PASSWORD);
        String idToken = clients.passwordAuth(email, PASSWORD).idToken();
        Credentials c = clients.credentialsFor(clients.getId(idToken), idToken);
        String victim = CognitoClients.freshEmail("victim");
        clients.signUp(victim, PASSWORD);
        try (CognitoIdentityProviderClient user = clients.userPool(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretKey(), c.sessionToken())))) {
            AwsServiceException e = CognitoClients.refused(() -> user.adminConfirmSignUp(
                    r -> r.userPoolId(clients.outputs.userPoolId()).username(victim)));
            assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("is not authorized to perform: "
                    + "cognito-idp:AdminConfirmSignUp"), e.awsErrorDetails().errorMessage());
        }
        assertStillUnconfirmed(victim);
    }

    private static void assertStillUnconfirmed(String email) {
        AwsServiceException e = CognitoClients.refused(() -> clients.passwordAuth(email, PASSWORD));
        assertEquals("UserNotConfirmedException", e.awsErrorDetails().errorCode());
        assertFalse(clients.admin.adminGetUser(r -> r.userPoolId(clients.outputs.userPoolId()).username(email))
                .userStatusAsString().equals("CONFIRMED"));
    }
}
