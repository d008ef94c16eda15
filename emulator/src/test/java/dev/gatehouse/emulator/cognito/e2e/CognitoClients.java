package dev.gatehouse.emulator.cognito.e2e;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The AWS SDK for Java v2 Cognito clients of one test class, all pointed at one running Gatehouse with
 * {@code endpointOverride}: the public operations unsigned, the {@code Admin*} ones signed with the developer's keys.
 */
final class CognitoClients implements AutoCloseable {
    final Gatehouse gatehouse;
    final Outputs outputs;
    final CognitoIdentityProviderClient userPool;
    final CognitoIdentityProviderClient admin;
    final CognitoIdentityClient identityPool;

    CognitoClients(Gatehouse gatehouse) {
        this.gatehouse = gatehouse;
        this.outputs = gatehouse.outputs();
        this.userPool = userPool(AnonymousCredentialsProvider.create());
        var developer = gatehouse.developerCredentials();
        this.admin = userPool(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(developer.accessKeyId(), developer.secretAccessKey())));
        this.identityPool = CognitoIdentityClient.builder().region(Region.US_EAST_1)
                .endpointOverride(gatehouse.baseUri()).credentialsProvider(AnonymousCredentialsProvider.create())
                .build();
    }

    /** A user pool client signing with these credentials. */
    CognitoIdentityProviderClient userPool(AwsCredentialsProvider credentials) {
        return CognitoIdentityProviderClient.builder().region(Region.US_EAST_1)
                .endpointOverride(gatehouse.baseUri()).credentialsProvider(credentials).build();
    }

    static String freshEmail(String test) {
        return "e2e-" + test + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** SignUp (public, unsigned); returns the new user's {@code sub}. */
    String signUp(String email, String password) {
        return userPool.signUp(r -> r.clientId(outputs.userPoolClientId()).username(email).password(password)
                .userAttributes(AttributeType.builder().name("email").value(email).build())).userSub();
    }

    /** SignUp, then AdminConfirmSignUp signed with the developer's keys; returns the {@code sub}. */
    String confirmedUser(String email, String password) {
        String sub = signUp(email, password);
        admin.adminConfirmSignUp(r -> r.userPoolId(outputs.userPoolId()).username(email));
        return sub;
    }

    AuthenticationResultType passwordAuth(String email, String password) {
        return userPool.initiateAuth(r -> r.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .clientId(outputs.userPoolClientId())
                .authParameters(Map.of("USERNAME", email, "PASSWORD", password))).authenticationResult();
    }

    Map<String, String> logins(String idToken) {
        return Map.of(outputs.providerName(), idToken);
    }

    String getId(String idToken) {
        return identityPool.getId(r -> r.identityPoolId(outputs.identityPoolId()).logins(logins(idToken)))
                .identityId();
    }

    Credentials credentialsFor(String identityId, String idToken) {
        return identityPool.getCredentialsForIdentity(r -> r.identityId(identityId).logins(logins(idToken)))
                .credentials();
    }

    static AwsSessionCredentialsIdentity identity(Credentials c) {
        return AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretKey(), c.sessionToken());
    }

    /** The AWS error the call fails with, as the SDK surfaces it. */
    static AwsServiceException refused(Runnable call) {
        SdkException e = assertThrows(SdkException.class, call::run);
        if (e instanceof AwsServiceException aws) {
            return aws;
        }
        throw new AssertionError("expected an AWS service error, got " + e, e);
    }

    @Override
    public void close() {
        userPool.close();
        admin.close();
        identityPool.close();
    }
}
