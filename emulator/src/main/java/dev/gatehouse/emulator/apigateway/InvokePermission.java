package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.ExecuteApiPolicy;
import dev.gatehouse.emulator.iam.PolicyDecision;
import dev.gatehouse.emulator.iam.Principal;

import java.util.function.Function;

/**
 * The caller's role policy on {@code execute-api:Invoke} for the resource
 * {@code arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>} (aws-protocols.md C.2).
 */
final class InvokePermission {
    private final GatehouseConfig config;
    private final Function<CognitoIdentity, ExecuteApiPolicy> policies;

    InvokePermission(GatehouseConfig config, Function<CognitoIdentity, ExecuteApiPolicy> policies) {
        this.config = config;
        this.policies = policies;
    }

    /** The execute-api resource ARN of a call; {@code routedPath} is the path without the stage. */
    String resourceArn(String method, String routedPath) {
        return ExecuteApiPolicy.resourceArn(config.region(), config.accountId(), config.api().apiId(),
                config.api().stage(), method, routedPath);
    }

    /**
     * IAM's denial message (with the full account id), or null when the policy allows the call. The developer's IAM
     * user is the administrator of this local account: always allowed.
     */
    String deniedBy(Credentials caller, String resourceArn) {
        if (!(caller.principal() instanceof Principal.AssumedRole role)) {
            return null;
        }
        // a function's execution role (identity null) has no execute-api:Invoke policy here
        ExecuteApiPolicy policy = role.identity() == null ? null : policies.apply(role.identity());
        if (policy == null) {
            return "User: " + role.arn() + " is not authorized to perform: execute-api:Invoke on resource: "
                    + resourceArn + " because no identity-based policy allows the execute-api:Invoke action";
        }
        PolicyDecision decision = policy.evaluateInvoke(resourceArn, role.identity());
        return decision.allowed() ? null : decision.message(role.arn(), ExecuteApiPolicy.INVOKE, resourceArn);
    }
}
