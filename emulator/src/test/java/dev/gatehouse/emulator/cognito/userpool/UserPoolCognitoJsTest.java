package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.cognito.CognitoJs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * amazon-cognito-identity-js, under Node, signs in over SRP against the pool ({@link CognitoJs}: installed with npm
 * into {@code target/cognito-js}; skipped without Node unless {@code CI=true}).
 */
class UserPoolCognitoJsTest {
    static UserPool pool;
    static TestCognitoServer server;

    @BeforeAll
    static void install() throws Exception {
        CognitoJs.install();
        pool = UserPoolSrpTest.newPool(new ControlledClock());
        server = new TestCognitoServer(pool);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    JsonNode signIn(String email, String password) throws Exception {
        return CognitoJs.signIn(server.endpoint() + "/", UserPoolSrpTest.POOL_ID, UserPoolSrpTest.CLIENT_ID, email,
                password);
    }

    @Test
    void the_javascript_library_signs_in_over_srp() throws Exception {
        JsonNode out = signIn("admin@example.com", "Passw0rd!");
        assertTrue(out.get("ok").asBoolean(), out.toString());
        assertEquals(UserPoolSrpTest.SUB, out.get("sub").asText());
        assertEquals("admin@example.com", out.get("email").asText());
        assertTrue(out.get("refresh").asBoolean());
    }

    @Test
    void the_javascript_library_sees_a_wrong_password_refused() throws Exception {
        JsonNode out = signIn("admin@example.com", "Wrong-Passw0rd!");
        assertEquals("NotAuthorizedException", out.get("code").asText(), out.toString());
        assertEquals("Incorrect username or password.", out.get("message").asText());
    }
}
