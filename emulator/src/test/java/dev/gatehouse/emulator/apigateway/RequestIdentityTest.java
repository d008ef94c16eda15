package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.gatehouse.emulator.apigateway.EventFixtures.COGNITO_CALLER;
import static dev.gatehouse.emulator.apigateway.EventFixtures.DEVELOPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code requestContext.identity} of a payload 1.0 event, from the credentials that verified the signature. */
class RequestIdentityTest {
    private static final List<String> FIELDS = List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId",
            "caller", "sourceIp", "principalOrgId", "accessKey", "cognitoAuthenticationType",
            "cognitoAuthenticationProvider", "userArn", "userAgent", "user");

    private static void assertFields(JsonNode identity) {
        List<String> names = new java.util.ArrayList<>();
        identity.fieldNames().forEachRemaining(names::add);
        assertEquals(FIELDS, names);
    }

    @Test
    void identity_pool_credentials_name_the_identity_the_role_and_the_sign_in() {
        JsonNode id = RequestIdentity.of(COGNITO_CALLER, "203.0.113.7", "curl/8");
        assertFields(id);
        assertEquals(EventFixtures.IDENTITY.identityPoolId(), id.get("cognitoIdentityPoolId").textValue());
        assertEquals(EventFixtures.IDENTITY.identityId(), id.get("cognitoIdentityId").textValue());
        assertEquals("123456789012", id.get("accountId").textValue());
        assertEquals("AROAGATEHOUSEAUTHROLE1:CognitoIdentityCredentials", id.get("caller").textValue());
        assertEquals("AROAGATEHOUSEAUTHROLE1:CognitoIdentityCredentials", id.get("user").textValue());
        assertEquals("203.0.113.7", id.get("sourceIp").textValue());
        assertEquals("ASIAGATEHOUSE0000001", id.get("accessKey").textValue());
        assertEquals("authenticated", id.get("cognitoAuthenticationType").textValue());
        assertEquals("cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse,cognito-idp.us-east-1.amazonaws.com/"
                + "us-east-1_GateHouse:CognitoSignIn:8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f",
                id.get("cognitoAuthenticationProvider").textValue());
        assertEquals("arn:aws:sts::123456789012:assumed-role/notes-CognitoAuthRole/CognitoIdentityCredentials",
                id.get("userArn").textValue());
        assertEquals("curl/8", id.get("userAgent").textValue());
        assertTrue(id.get("principalOrgId").isNull());
    }

    @Test
    void a_guest_is_unauthenticated_without_a_provider() {
        CognitoIdentity guest = new CognitoIdentity("us-east-1:guest", "us-east-1:pool", null, null);
        Credentials credentials = new Credentials("ASIAGUEST00000000001", "s", "t", Instant.EPOCH,
                new Principal.AssumedRole("123456789012", "notes-CognitoUnauthRole", "AROAGUEST", guest));
        JsonNode id = RequestIdentity.of(credentials, "203.0.113.7", "ua");
        assertEquals("unauthenticated", id.get("cognitoAuthenticationType").textValue());
        assertTrue(id.get("cognitoAuthenticationProvider").isNull());
        assertEquals("us-east-1:guest", id.get("cognitoIdentityId").textValue());
        assertEquals("us-east-1:pool", id.get("cognitoIdentityPoolId").textValue());
    }

    @Test
    void an_iam_users_keys_have_no_cognito_fields() {
        JsonNode id = RequestIdentity.of(DEVELOPER, "127.0.0.1", "aws-cli/2");
        assertFields(id);
        for (String cognito : List.of("cognitoIdentityPoolId", "cognitoIdentityId", "cognitoAuthenticationType",
                "cognitoAuthenticationProvider")) {
            assertTrue(id.get(cognito).isNull(), cognito);
        }
        assertEquals("AKIAGATEHOUSEDEVELOP", id.get("accessKey").textValue());
        assertEquals("AIDAGATEHOUSEDEVELOPR", id.get("caller").textValue());
        assertEquals("AIDAGATEHOUSEDEVELOPR", id.get("user").textValue());
        assertEquals("arn:aws:iam::123456789012:user/gatehouse-developer", id.get("userArn").textValue());
        assertEquals("123456789012", id.get("accountId").textValue());
    }

    @Test
    void a_role_without_identity_has_no_cognito_fields() {
        Credentials role = new Credentials("ASIAFUNCTION00000001", "s", "t", Instant.EPOCH,
                new Principal.AssumedRole("123456789012", "fn-role", "AROAFUNCTION", null));
        JsonNode id = RequestIdentity.of(role, "127.0.0.1", "ua");
        assertTrue(id.get("cognitoIdentityId").isNull());
        assertTrue(id.get("cognitoAuthenticationType").isNull());
        assertEquals("AROAFUNCTION:CognitoIdentityCredentials", id.get("caller").textValue());
    }

    @Test
    void without_authorization_only_the_source_ip_and_user_agent_are_set() {
        JsonNode id = RequestIdentity.of(null, "203.0.113.7", "curl/8");
        assertFields(id);
        id.fields().forEachRemaining(f -> {
            if (f.getKey().equals("sourceIp")) {
                assertEquals("203.0.113.7", f.getValue().textValue());
            } else if (f.getKey().equals("userAgent")) {
                assertEquals("curl/8", f.getValue().textValue());
            } else {
                assertTrue(f.getValue().isNull(), f.getKey());
            }
        });
    }
}
