package dev.gatehouse.emulator.cognito.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guide's sequence with the AWS CLI ({@code --endpoint-url}) and {@code curl --aws-sigv4}, each a process of its
 * own, against a running Gatehouse. Never reads the user's ~/.aws. Skipped without the AWS CLI or curl, unless
 * {@code CI=true} (.ci/run installs them).
 */
class AwsCliFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PASSWORD = "Cli-Passw0rd!";
    static Gatehouse gatehouse;
    static Outputs outputs;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        ExternalTool.require("the AWS CLI", "apt-get install awscli", "aws", "--version");
        ExternalTool.require("curl", "apt-get install curl", "curl", "--version");
        dir = ExternalTool.tempDir("aws-cli");
        Files.writeString(dir.resolve("config"), "");
        Files.writeString(dir.resolve("credentials"), "");
        gatehouse = Gatehouse.builder().port(0).start();
        outputs = gatehouse.outputs();
    }

    @AfterAll
    static void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    /** {@code aws <args> --endpoint-url <Gatehouse> --output json}, with only the given keys (if any). */
    static ExternalTool.Result aws(Map<String, String> keys, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(keys);
        env.put("AWS_CONFIG_FILE", dir.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("credentials").toString());
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", gatehouse.baseUri().toString(), "--output", "json"));
        return ExternalTool.run(dir, env, 120, command);
    }

    static JsonNode ok(ExternalTool.Result r) throws Exception {
        assertEquals(0, r.exit(), r.toString());
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    static Map<String, String> developerKeys(String secretSuffix) {
        var d = gatehouse.developerCredentials();
        return Map.of("AWS_ACCESS_KEY_ID", d.accessKeyId(), "AWS_SECRET_ACCESS_KEY", d.secretAccessKey() + secretSuffix);
    }

    @Test
    void the_guide_sequence_with_the_aws_cli_and_curl_creates_a_note() throws Exception {
        String email = CognitoClients.freshEmail("cli");
        JsonNode signUp = ok(aws(Map.of(), "cognito-idp", "sign-up", "--no-sign-request",
                "--client-id", outputs.userPoolClientId(), "--username", email, "--password", PASSWORD,
                "--user-attributes", "Name=email,Value=" + email));
        assertEquals(false, signUp.get("UserConfirmed").asBoolean());
        String sub = signUp.get("UserSub").asText();

        ok(aws(developerKeys(""), "cognito-idp", "admin-confirm-sign-up",
                "--user-pool-id", outputs.userPoolId(), "--username", email));

        JsonNode auth = ok(aws(Map.of(), "cognito-idp", "initiate-auth", "--no-sign-request",
                "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", outputs.userPoolClientId(),
                "--auth-parameters", "USERNAME=" + email + ",PASSWORD=" + PASSWORD));
        String idToken = auth.get("AuthenticationResult").get("IdToken").asText();
        assertEquals(3600, auth.get("AuthenticationResult").get("ExpiresIn").asInt());

        ObjectNode logins = JSON.createObjectNode().put(outputs.providerName(), idToken);
        JsonNode id = ok(aws(Map.of(), "cognito-identity", "get-id", "--no-sign-request",
                "--identity-pool-id", outputs.identityPoolId(), "--logins", logins.toString()));
        String identityId = id.get("IdentityId").asText();
        assertTrue(identityId.startsWith("us-east-1:"), identityId);

        JsonNode creds = ok(aws(Map.of(), "cognito-identity", "get-credentials-for-identity", "--no-sign-request",
                "--identity-id", identityId, "--logins", logins.toString())).get("Credentials");
        assertTrue(creds.get("AccessKeyId").asText().startsWith("ASIA"));

        ExternalTool.Result curl = ExternalTool.run(dir, Map.of(), 60, List.of("curl", "-s", "-S",
                "--max-time", "30", "-w", "\n%{http_code}",
                "--aws-sigv4", "aws:amz:us-east-1:execute-api",
                "--user", creds.get("AccessKeyId").asText() + ":" + creds.get("SecretKey").asText(),
                "-H", "x-amz-security-token: " + creds.get("SessionToken").asText(),
                "-H", "content-type: application/json",
                "-d", "{\"content\":\"hello world\",\"attachment\":\"hello.jpg\"}",
                outputs.apiEndpoint() + "/notes"));
        assertEquals(0, curl.exit(), curl.toString());
        String[] bodyAndStatus = curl.stdout().split("\n(?=\\d{3}$)");
        assertEquals("200", bodyAndStatus[1], curl.stdout());
        JsonNode note = JSON.readTree(bodyAndStatus[0]);
        assertEquals(identityId, note.get("userId").asText());
        assertEquals("hello world", note.get("content").asText());
        assertEquals(identityId, gatehouse.identityIdOf(email));
        assertEquals(sub, SignedJWT.parse(idToken).getJWTClaimsSet().getSubject());
        assertEquals(1, gatehouse.calls(c -> "api".equals(c.kind()) && identityId.equals(c.identityId())
                && "accepted".equals(c.verdict())).size(), "curl's call verified as this identity's");
    }

    @Test
    void the_aws_cli_sees_admin_calls_without_or_with_bad_keys_refused() throws Exception {
        String email = CognitoClients.freshEmail("cli-refused");
        ok(aws(Map.of(), "cognito-idp", "sign-up", "--no-sign-request", "--client-id",
                outputs.userPoolClientId(), "--username", email, "--password", PASSWORD));

        ExternalTool.Result unsigned = aws(Map.of(), "cognito-idp", "admin-confirm-sign-up", "--no-sign-request",
                "--user-pool-id", outputs.userPoolId(), "--username", email);
        assertNotEquals(0, unsigned.exit());
        assertTrue(unsigned.stderr().contains("MissingAuthenticationTokenException"), unsigned.toString());

        ExternalTool.Result badSecret = aws(developerKeys("x"), "cognito-idp", "admin-confirm-sign-up",
                "--user-pool-id", outputs.userPoolId(), "--username", email);
        assertNotEquals(0, badSecret.exit());
        assertTrue(badSecret.stderr().contains("InvalidSignatureException"), badSecret.toString());

        ExternalTool.Result signIn = aws(Map.of(), "cognito-idp", "initiate-auth", "--no-sign-request",
                "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", outputs.userPoolClientId(),
                "--auth-parameters", "USERNAME=" + email + ",PASSWORD=" + PASSWORD);
        assertNotEquals(0, signIn.exit());
        assertTrue(signIn.stderr().contains("UserNotConfirmedException"), signIn.toString());
    }

    JsonNode cliSignIn(String email, String password) throws Exception {
        return ok(aws(Map.of(), "cognito-idp", "initiate-auth", "--no-sign-request",
                "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", outputs.userPoolClientId(),
                "--auth-parameters", "USERNAME=" + email + ",PASSWORD=" + password)).get("AuthenticationResult");
    }

    @Test
    void the_aws_cli_changes_the_password_with_an_access_token_and_revokes_the_refresh_token() throws Exception {
        String email = CognitoClients.freshEmail("cli-password");
        ok(aws(Map.of(), "cognito-idp", "sign-up", "--no-sign-request", "--client-id",
                outputs.userPoolClientId(), "--username", email, "--password", PASSWORD));
        ok(aws(developerKeys(""), "cognito-idp", "admin-confirm-sign-up",
                "--user-pool-id", outputs.userPoolId(), "--username", email));
        JsonNode tokens = cliSignIn(email, PASSWORD);
        String accessToken = tokens.get("AccessToken").asText();

        ExternalTool.Result wrong = aws(Map.of(), "cognito-idp", "change-password", "--no-sign-request",
                "--previous-password", "Wrong-Passw0rd!", "--proposed-password", "Cli-Changed-Passw0rd!",
                "--access-token", accessToken);
        assertNotEquals(0, wrong.exit());
        assertTrue(wrong.stderr().contains("NotAuthorizedException"), wrong.toString());

        ok(aws(Map.of(), "cognito-idp", "change-password", "--no-sign-request", "--previous-password", PASSWORD,
                "--proposed-password", "Cli-Changed-Passw0rd!", "--access-token", accessToken));
        assertNotEquals(0, aws(Map.of(), "cognito-idp", "initiate-auth", "--no-sign-request",
                "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", outputs.userPoolClientId(),
                "--auth-parameters", "USERNAME=" + email + ",PASSWORD=" + PASSWORD).exit());
        String newAccessToken = cliSignIn(email, "Cli-Changed-Passw0rd!").get("AccessToken").asText();
        JsonNode user = ok(aws(Map.of(), "cognito-idp", "get-user", "--no-sign-request",
                "--access-token", accessToken));
        assertEquals(ok(aws(Map.of(), "cognito-idp", "get-user", "--no-sign-request",
                "--access-token", newAccessToken)).get("Username"), user.get("Username"),
                "the access token from before the change still works");

        JsonNode refreshed = ok(aws(Map.of(), "cognito-idp", "get-tokens-from-refresh-token", "--no-sign-request",
                "--client-id", outputs.userPoolClientId(), "--refresh-token", tokens.get("RefreshToken").asText()));
        assertTrue(refreshed.get("AuthenticationResult").has("AccessToken"), refreshed.toString());
        ok(aws(Map.of(), "cognito-idp", "revoke-token", "--no-sign-request",
                "--client-id", outputs.userPoolClientId(), "--token", tokens.get("RefreshToken").asText()));
        ExternalTool.Result revoked = aws(Map.of(), "cognito-idp", "get-user", "--no-sign-request",
                "--access-token", accessToken);
        assertNotEquals(0, revoked.exit());
        assertTrue(revoked.stderr().contains("Access Token has been revoked"), revoked.toString());
    }

    /** The code of the newest message to {@code email}, read with {@code ./gatehouse messages EMAIL --latest}. */
    static String codeFromGatehouseMessages(String email) {
        GatehouseCli.Run run = GatehouseCli.run(gatehouse.baseUri(), "messages", email, "--latest");
        assertEquals(0, run.exit(), run.err());
        String code = run.out().strip();
        assertTrue(code.matches("\\d{6}"), run.out());
        return code;
    }

    @Test
    void forgot_password_with_the_aws_cli_and_the_code_from_gatehouse_messages() throws Exception {
        String email = CognitoClients.freshEmail("cli-forgot");
        ok(aws(Map.of(), "cognito-idp", "sign-up", "--no-sign-request", "--client-id", outputs.userPoolClientId(),
                "--username", email, "--password", PASSWORD));
        ExternalTool.Result resent = aws(Map.of(), "cognito-idp", "resend-confirmation-code", "--no-sign-request",
                "--client-id", outputs.userPoolClientId(), "--username", email);
        assertEquals("EMAIL", ok(resent).get("CodeDeliveryDetails").get("DeliveryMedium").asText());
        assertEquals("RESEND", gatehouse.messages(email).get(0).kind().name());
        ok(aws(Map.of(), "cognito-idp", "confirm-sign-up", "--no-sign-request", "--client-id",
                outputs.userPoolClientId(), "--username", email, "--confirmation-code",
                codeFromGatehouseMessages(email)));

        JsonNode forgot = ok(aws(Map.of(), "cognito-idp", "forgot-password", "--no-sign-request",
                "--client-id", outputs.userPoolClientId(), "--username", email));
        assertEquals(email.charAt(0) + "***@e***", forgot.get("CodeDeliveryDetails").get("Destination").asText());
        String newPassword = "Cli-N3w-Passw0rd!";
        ok(aws(Map.of(), "cognito-idp", "confirm-forgot-password", "--no-sign-request",
                "--client-id", outputs.userPoolClientId(), "--username", email,
                "--confirmation-code", codeFromGatehouseMessages(email), "--password", newPassword));

        JsonNode auth = ok(aws(Map.of(), "cognito-idp", "initiate-auth", "--no-sign-request",
                "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", outputs.userPoolClientId(),
                "--auth-parameters", "USERNAME=" + email + ",PASSWORD=" + newPassword));
        assertTrue(auth.get("AuthenticationResult").get("IdToken").asText().startsWith("eyJ"), auth.toString());
        ExternalTool.Result old = aws(Map.of(), "cognito-idp", "initiate-auth", "--no-sign-request",
                "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", outputs.userPoolClientId(),
                "--auth-parameters", "USERNAME=" + email + ",PASSWORD=" + PASSWORD);
        assertNotEquals(0, old.exit());
        assertTrue(old.stderr().contains("NotAuthorizedException"), old.toString());
    }
}
