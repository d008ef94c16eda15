package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;

/**
 * {@code requestContext.identity} of a payload 1.0 event (aws-protocols.md A.3, B), from the credentials that verified
 * the signature. For identity pool credentials: {@code caller} and {@code user} are
 * {@code AROA...:CognitoIdentityCredentials}, {@code userArn} the assumed-role ARN, {@code cognitoAuthenticationType}
 * {@code authenticated} (or {@code unauthenticated} for a guest), {@code cognitoAuthenticationProvider}
 * {@code cognito-idp.<region>.amazonaws.com/<poolId>,cognito-idp.<region>.amazonaws.com/<poolId>:CognitoSignIn:<sub>}
 * (null for a guest). For an IAM user's keys the {@code cognito*} fields are null. Without authorization every field
 * but {@code sourceIp} and {@code userAgent} is null.
 */
final class RequestIdentity {

    private RequestIdentity() {
    }

    static ObjectNode of(Credentials caller, String sourceIp, String userAgent) {
        ObjectNode identity = JsonNodeFactory.instance.objectNode();
        Principal principal = caller == null ? null : caller.principal();
        CognitoIdentity cognito = principal instanceof Principal.AssumedRole role ? role.identity() : null;
        identity.put("cognitoIdentityPoolId", cognito == null ? null : cognito.identityPoolId());
        identity.put("accountId", principal == null ? null : principal.accountId());
        identity.put("cognitoIdentityId", cognito == null ? null : cognito.identityId());
        identity.put("caller", principal == null ? null : principal.userId());
        identity.put("sourceIp", sourceIp);
        identity.putNull("principalOrgId");
        identity.put("accessKey", caller == null ? null : caller.accessKeyId());
        identity.put("cognitoAuthenticationType", cognito == null ? null
                : cognito.authenticated() ? "authenticated" : "unauthenticated");
        identity.put("cognitoAuthenticationProvider", cognito == null || !cognito.authenticated() ? null
                : cognito.providerName() + "," + cognito.providerName() + ":CognitoSignIn:" + cognito.userPoolSub());
        identity.put("userArn", principal == null ? null : principal.arn());
        identity.put("userAgent", userAgent);
        identity.put("user", principal == null ? null : principal.userId());
        return identity;
    }
}
