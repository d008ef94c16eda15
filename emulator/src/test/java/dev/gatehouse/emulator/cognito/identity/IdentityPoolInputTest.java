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

    static final String POOL = "us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e";

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    static String logins(int count, String key, String value) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append("'").append(i == 0 ? key : key + i).append("':'").append(value)
                    .append("'");
        }
        return out.append("}").toString();
    }

    /** Guards Inputs: each member at its model limit passes validation (and meets the next check), one past it is refused. */
    @Test
    void members_at_the_models_limits_pass_validation_and_one_past_them_are_invalid_parameters() {
        String id55 = "us-east-1:" + repeat('a', 45);
        assertEquals("Identity '" + id55 + "' not found.",
                refusal("GetCredentialsForIdentity", "{'IdentityId':'" + id55 + "'}").getMessage());
        assertEquals("1 validation error detected: Value '" + id55 + "a' at 'identityId' failed to satisfy constraint: "
                + "Member must have length between 1 and 55",
                refusal("GetCredentialsForIdentity", "{'IdentityId':'" + id55 + "a'}").getMessage());
        assertEquals("1 validation error detected: Value '' at 'identityId' failed to satisfy constraint: "
                + "Member must have length between 1 and 55",
                refusal("GetCredentialsForIdentity", "{'IdentityId':''}").getMessage());

        assertEquals("IdentityPool '" + POOL + "' not found.",
                refusal("GetId", "{'IdentityPoolId':'" + POOL + "','AccountId':'" + repeat('1', 15) + "'}").getMessage());
        for (String account : new String[] {repeat('1', 16), ""}) {
            assertEquals("1 validation error detected: Value '" + account + "' at 'accountId' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: \\d+ and have length between 1 and 15",
                    refusal("GetId", "{'IdentityPoolId':'" + POOL + "','AccountId':'" + account + "'}").getMessage());
        }

        String provider = TestUserPool.PROVIDER;
        assertEquals("Token is not from a supported provider of this identity pool.", refusal("GetId",
                "{'IdentityPoolId':'" + POOL + "','Logins':" + logins(10, "p", "token") + "}").getMessage());
        assertEquals("1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must have "
                + "length less than or equal to 10", refusal("GetId",
                "{'IdentityPoolId':'" + POOL + "','Logins':" + logins(11, "p", "token") + "}").getMessage());

        assertEquals("Token is not from a supported provider of this identity pool.", refusal("GetId",
                "{'IdentityPoolId':'" + POOL + "','Logins':" + logins(1, repeat('k', 128), "token") + "}").getMessage());
        for (String key : new String[] {repeat('k', 129), ""}) {
            assertEquals("1 validation error detected: Value at 'logins' failed to satisfy constraint: Map keys must "
                    + "have length between 1 and 128", refusal("GetId",
                    "{'IdentityPoolId':'" + POOL + "','Logins':" + logins(1, key, "token") + "}").getMessage());
        }

        assertEquals("Invalid login token. Not a valid OpenId Connect identity token.", refusal("GetId",
                "{'IdentityPoolId':'" + POOL + "','Logins':" + logins(1, provider, repeat('t', 50000)) + "}")
                .getMessage());
        for (String token : new String[] {repeat('t', 50001), ""}) {
            assertEquals("1 validation error detected: Value at 'logins." + provider + "' failed to satisfy "
                    + "constraint: Member must be a string of length between 1 and 50000", refusal("GetId",
                    "{'IdentityPoolId':'" + POOL + "','Logins':" + logins(1, provider, token) + "}").getMessage());
        }
    }

    /** Guards IdentityPool.getId: AccountId, when given, must be the pool's account. */
    @Test
    void get_id_with_the_pools_account_works_and_with_another_account_finds_no_pool() throws Exception {
        String body = "{'IdentityPoolId':'" + POOL + "','AccountId':'%s','Logins':{'" + TestUserPool.PROVIDER + "':'"
                + userPool.idToken("1b6d2e83-5c8f-4e2b-8d4f-1b2c3d4e5f60", clock.instant()) + "'}}";
        Object out = pool.handle("GetId", MAPPER.readTree(body.formatted(Fixture.accountId()).replace('\'', '"')),
                new AwsJsonCall("r-1", Optional.empty(), "127.0.0.1"));
        assertEquals(pool.identityIdOf("1b6d2e83-5c8f-4e2b-8d4f-1b2c3d4e5f60"),
                MAPPER.valueToTree(out).get("IdentityId").asText());
        AwsJsonError e = refusal("GetId", body.formatted("210987654321"));
        assertEquals("ResourceNotFoundException", e.type());
        assertEquals("IdentityPool '" + POOL + "' not found.", e.getMessage());
    }
}
