package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.emulator.apigateway.GatewayParts.ALICE;
import static dev.gatehouse.emulator.apigateway.GatewayParts.AUTH_ROLE_ARN;
import static dev.gatehouse.emulator.apigateway.GatewayParts.BOB;
import static dev.gatehouse.emulator.apigateway.GatewayParts.POLICY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The role policy's execute-api:Invoke decision on the call's resource ARN. */
class InvokePermissionTest {
    private static final GatehouseConfig CONFIG = new GatehouseConfig(null, "eu-west-1", "210987654321",
            new GatehouseConfig.Api("abc123", "prod"), new GatehouseConfig.FunctionDefaults(10, 512, Map.of()),
            List.of(), List.of(), null, null, null, List.of());
    private static final InvokePermission PERMISSION = new InvokePermission(CONFIG,
            identity -> identity.equals(ALICE) ? POLICY : null);

    private static Credentials role(String name, dev.gatehouse.emulator.iam.CognitoIdentity identity) {
        return new Credentials("ASIAEXAMPLE000000001", "s", "t", Instant.EPOCH,
                new Principal.AssumedRole("123456789012", name, "AROAEXAMPLE", identity));
    }

    @Test
    void the_resource_arn_names_region_account_api_stage_method_and_path() {
        assertEquals("arn:aws:execute-api:eu-west-1:210987654321:abc123/prod/GET/notes/n-1",
                PERMISSION.resourceArn("GET", "/notes/n-1"));
    }

    @Test
    void the_policy_allows_or_denies_explicitly() {
        String allowed = "arn:aws:execute-api:us-east-1:123456789012:gh0notes01/$default/GET/notes";
        assertNull(PERMISSION.deniedBy(role("notes-CognitoAuthRole", ALICE), allowed));
        String denied = "arn:aws:execute-api:us-east-1:123456789012:gh0notes01/$default/DELETE/notes/n-1";
        assertEquals("User: " + AUTH_ROLE_ARN + " is not authorized to perform: execute-api:Invoke on resource: "
                + denied + " with an explicit deny", PERMISSION.deniedBy(role("notes-CognitoAuthRole", ALICE), denied));
        String elsewhere = "arn:aws:execute-api:us-east-1:123456789012:otherapi/$default/GET/notes";
        assertEquals("User: " + AUTH_ROLE_ARN + " is not authorized to perform: execute-api:Invoke on resource: "
                + elsewhere + " because no identity-based policy allows the execute-api:Invoke action",
                PERMISSION.deniedBy(role("notes-CognitoAuthRole", ALICE), elsewhere));
    }

    @Test
    void a_role_without_policy_or_without_identity_is_denied() {
        String arn = "arn:aws:execute-api:eu-west-1:210987654321:abc123/prod/GET/notes";
        assertEquals("User: " + AUTH_ROLE_ARN + " is not authorized to perform: execute-api:Invoke on resource: "
                + arn + " because no identity-based policy allows the execute-api:Invoke action",
                PERMISSION.deniedBy(role("notes-CognitoAuthRole", BOB), arn));
        assertEquals("User: arn:aws:sts::123456789012:assumed-role/fn-role/CognitoIdentityCredentials is not"
                + " authorized to perform: execute-api:Invoke on resource: " + arn + " because no identity-based"
                + " policy allows the execute-api:Invoke action", PERMISSION.deniedBy(role("fn-role", null), arn));
    }

    @Test
    void the_developers_iam_user_is_always_allowed() {
        assertNull(PERMISSION.deniedBy(EventFixtures.DEVELOPER, "arn:aws:execute-api:eu-west-1:210987654321:x/y/Z/"));
    }
}
