package dev.gatehouse.emulator.iam;

import java.util.List;

/**
 * An identity of a Cognito identity pool, as API Gateway reports it in {@code authorizer.iam.cognitoIdentity}.
 *
 * @param identityId     {@code <region>:<uuid>}, stable for one login across sign-ins and restarts
 * @param identityPoolId {@code <region>:<uuid>}
 * @param providerName   {@code cognito-idp.<region>.amazonaws.com/<userPoolId>}, or null for a guest identity
 * @param userPoolSub    the user pool's {@code sub} of the signed-in user, or null for a guest identity
 */
public record CognitoIdentity(String identityId, String identityPoolId, String providerName, String userPoolSub) {

    public boolean authenticated() {
        return providerName != null;
    }

    /** {@code ["authenticated", provider, provider + ":CognitoSignIn:" + sub]}, or {@code ["unauthenticated"]}. */
    public List<String> amr() {
        if (!authenticated()) {
            return List.of("unauthenticated");
        }
        return List.of("authenticated", providerName, providerName + ":CognitoSignIn:" + userPoolSub);
    }
}
