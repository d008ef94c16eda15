package dev.gatehouse.emulator.cognito.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.awsjson.AwsJsonCall;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.iam.CredentialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Input the SDK would never send (wrong JSON types, oversized maps), straight into the service. */
class IdentityPoolInputTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    final ControlledClock clock = new ControlledClock();
    final TestUserPool userPool = new TestUserPool();
    final IdentityPool pool = new IdentityPool(Fixture.identityPool(false), Fixture.userPool(), "us-east-1",
            Fixture.accountId(), clock, userPool::publicKeys, new CredentialStore(clock, Optional.empty()),
            Optional.empty());

    AwsJsonError refusal(String operation, String body) {
        return assertThrows(AwsJsonError.class, () -> pool.handle(operation, MAPPER.readTree(body.replace('\'', '"')),
                new AwsJsonCall("r-1", Optional.empty(), "127.0.0.1")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GetId|{}|1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null",
        "GetId|{'IdentityPoolId':42}|1 validation error detected: Value at 'identityPoolId' failed to satisfy constraint: Member must be a string",
        "GetId|{'IdentityPoolId':'us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e','Logins':['x']}|1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must be a map of strings",
        "GetId|{'IdentityPoolId':'us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e','AccountId':'12ab'}|1 validation error detected: Value '12ab' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d+ and have length between 1 and 15",
        "GetCredentialsForIdentity|{'IdentityId':'US-EAST-1:ABC'}|1 validation error detected: Value 'US-EAST-1:ABC' at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
        "GetCredentialsForIdentity|{'IdentityId':'us-east-1:abc','Logins':{'cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse':7}}|1 validation error detected: Value at 'logins.cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse' failed to satisfy constraint: Member must be a string of length between 1 and 50000",
    })
    void malformed_members_are_invalid_parameters(String operation, String body, String message) {
        AwsJsonError e = refusal(operation, body);
        assertEquals(400, e.status());
        assertEquals("InvalidParameterException", e.type());
        assertEquals(message, e.getMessage());
    }

    @Test
    void a_token_that_is_not_a_jwt_is_refused() {
        AwsJsonError e = refusal("GetId", "{'IdentityPoolId':'us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e',"
                + "'Logins':{'cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse':'not-a-jwt'}}");
        assertEquals("NotAuthorizedException", e.type());
        assertEquals("Invalid login token. Not a valid OpenId Connect identity token.", e.getMessage());
    }

    @Test
    void unknown_identity_and_unknown_operation_are_refused() {
        AwsJsonError notFound = refusal("GetCredentialsForIdentity", "{'IdentityId':'us-east-1:0000-1111'}");
        assertEquals("ResourceNotFoundException", notFound.type());
        assertEquals("Identity 'us-east-1:0000-1111' not found.", notFound.getMessage());
        assertEquals("UnknownOperationException", refusal("DeleteIdentityPool", "{}").type());
    }

    @Test
    void an_invalid_role_policy_is_refused_at_construction() {
        GatehouseConfig.IdentityPool fixture = Fixture.identityPool(false);
        GatehouseConfig.Role broken = new GatehouseConfig.Role("notes-CognitoAuthRole", "AROAGATEHOUSEAUTHROLE1",
                MAPPER.createObjectNode().set("Statement", MAPPER.createObjectNode().put("Effect", "Permit")));
        GatehouseConfig.IdentityPool config = new GatehouseConfig.IdentityPool(fixture.id(), fixture.name(), false,
                60, broken, fixture.unauthenticatedRole());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IdentityPool(config,
                Fixture.userPool(), "us-east-1", "123456789012", clock, userPool::publicKeys,
                new CredentialStore(clock, Optional.empty()), Optional.empty()));
        assertEquals("role notes-CognitoAuthRole, policy.Statement[0].Effect: expected Allow or Deny", e.getMessage());
    }
}
