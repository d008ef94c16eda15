package dev.gatehouse.emulator.cognito.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.cognito.CognitoJs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * amazon-cognito-identity-js under Node signs in (USER_SRP_AUTH) against a running Gatehouse, through its real
 * dispatcher and headers, with {@code endpoint} set to Gatehouse's address. Skipped without Node unless {@code CI=true}.
 */
class CognitoJsSignInTest {
    static Gatehouse gatehouse;
    static CognitoClients clients;

    @BeforeAll
    static void start() throws Exception {
        CognitoJs.install();
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

    static JsonNode signIn(String email, String password) throws Exception {
        return CognitoJs.signIn(gatehouse.baseUri() + "/", clients.outputs.userPoolId(),
                clients.outputs.userPoolClientId(), email, password);
    }

    @Test
    void admin_signs_in_over_srp_with_the_javascript_library() throws Exception {
        long before = gatehouse.calls(c -> true).stream().mapToLong(c -> c.sequence()).max().orElse(0);
        JsonNode out = signIn("admin@example.com", "Passw0rd!");
        assertTrue(out.get("ok").asBoolean(), out.toString());
        assertEquals(gatehouse.config().users().get(0).sub(), out.get("sub").asText());
        assertEquals("admin@example.com", out.get("email").asText());
        assertTrue(out.get("refresh").asBoolean(), "a refresh token came back");
        assertEquals(java.util.List.of("InitiateAuth 200", "RespondToAuthChallenge 200"),
                gatehouse.calls(c -> c.sequence() > before && "cognito-idp".equals(c.kind())).stream()
                        .map(c -> c.operation() + " " + c.status()).toList(), "the library's two calls, as recorded");
    }

    @Test
    void a_wrong_password_is_refused_as_aws_words_it() throws Exception {
        JsonNode out = signIn("admin@example.com", "Wrong-Passw0rd!");
        assertEquals("NotAuthorizedException", out.get("code").asText(), out.toString());
        assertEquals("Incorrect username or password.", out.get("message").asText());
    }

    @Test
    void a_user_signed_up_with_the_sdk_signs_in_with_the_javascript_library() throws Exception {
        String email = CognitoClients.freshEmail("js");
        String sub = clients.signUp(email, "Js-Passw0rd!");
        JsonNode unconfirmed = signIn(email, "Js-Passw0rd!");
        assertEquals("UserNotConfirmedException", unconfirmed.get("code").asText(), unconfirmed.toString());

        clients.admin.adminConfirmSignUp(r -> r.userPoolId(clients.outputs.userPoolId()).username(email));
        JsonNode out = signIn(email, "Js-Passw0rd!");
        assertTrue(out.get("ok").asBoolean(), out.toString());
        assertEquals(sub, out.get("sub").asText());
    }
}
