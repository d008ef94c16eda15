package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;

/**
 * {@code requestContext.authorizer.iam} of an AWS_IAM route, from the credentials that verified the signature. For
 * identity pool credentials (captured on AWS): {@code callerId} and {@code userId} are
 * {@code AROA...:CognitoIdentityCredentials}, {@code userArn} the assumed-role ARN, {@code principalOrgId} null.
 */
final class IamAuthorizer {

    private IamAuthorizer() {
    }

    static ObjectNode of(Credentials caller) {
        Principal principal = caller.principal();
        ObjectNode iam = JsonNodeFactory.instance.objectNode();
        iam.put("accessKey", caller.accessKeyId());
        iam.put("accountId", principal.accountId());
        iam.put("callerId", principal.userId());
        CognitoIdentity identity = principal instanceof Principal.AssumedRole role ? role.identity() : null;
        if (identity == null) {
            iam.putNull("cognitoIdentity");
        } else {
            ObjectNode cognito = iam.putObject("cognitoIdentity");
            identity.amr().forEach(cognito.putArray("amr")::add);
            cognito.put("identityId", identity.identityId());
            cognito.put("identityPoolId", identity.identityPoolId());
        }
        iam.putNull("principalOrgId");
        iam.put("userArn", principal.arn());
        iam.put("userId", principal.userId());
        return iam;
    }
}
