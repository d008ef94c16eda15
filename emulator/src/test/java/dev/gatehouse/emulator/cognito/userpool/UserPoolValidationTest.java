package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.clock.ControlledClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets Cognito's 400 errors naming the member, never a server error. */
class UserPoolValidationTest {
    final UserPool pool = UserPoolSrpTest.newPool(new ControlledClock());

    AwsJsonError refused(String op, String json) {
        return assertThrows(AwsJsonError.class, () -> UserPoolTokensTest.call(pool, op, json));
    }

    @Test
    void a_wrongly_typed_member_is_named() {
        AwsJsonError e = refused("SignUp", "{\"ClientId\":\"4gatehouse1notes2client3id\",\"Username\":5,"
                + "\"Password\":\"Secret-123\"}");
        assertEquals("InvalidParameterException", e.type());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'username'"), e.getMessage());
    }

    @Test
    void an_unknown_auth_flow_lists_the_valid_ones() {
        AwsJsonError e = refused("InitiateAuth", "{\"AuthFlow\":\"MAGIC\",\"ClientId\":\"4gatehouse1notes2client3id\"}");
        assertEquals("InvalidParameterException", e.type());
        assertTrue(e.getMessage().contains("Value 'MAGIC' at 'authFlow'"), e.getMessage());
    }

    @Test
    void unsupported_flows_and_unknown_operations_are_client_errors() {
        assertEquals("Initiate Auth method not supported.", refused("InitiateAuth", "{\"AuthFlow\":"
                + "\"ADMIN_NO_SRP_AUTH\",\"ClientId\":\"4gatehouse1notes2client3id\"}").getMessage());
        assertEquals(400, refused("CreateUserPool", "{}").status());
    }

    @Test
    void a_new_password_answer_needs_a_live_session() {
        AwsJsonError e = refused("RespondToAuthChallenge", "{\"ClientId\":\"4gatehouse1notes2client3id\","
                + "\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"Session\":\"forged\",\"ChallengeResponses\":"
                + "{\"USERNAME\":\"admin@example.com\",\"NEW_PASSWORD\":\"Chosen-Pass1\"}}");
        assertEquals("NotAuthorizedException", e.type());
    }

    @Test
    void a_malformed_access_token_is_refused() {
        AwsJsonError e = refused("GetUser", "{\"AccessToken\":\"abc.def.ghi\"}");
        assertEquals("NotAuthorizedException", e.type());
        assertEquals("Invalid Access Token", e.getMessage());
    }

    @Test
    void a_garbage_srp_a_is_refused() {
        AwsJsonError e = refused("InitiateAuth", "{\"AuthFlow\":\"USER_SRP_AUTH\",\"ClientId\":"
                + "\"4gatehouse1notes2client3id\",\"AuthParameters\":{\"USERNAME\":\"a@b.co\",\"SRP_A\":\"xyz\"}}");
        assertEquals("InvalidParameterException", e.type());
    }
}
