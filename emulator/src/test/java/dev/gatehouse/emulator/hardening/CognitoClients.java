package dev.gatehouse.emulator.hardening;

import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.RunningGatehouse;
import dev.gatehouse.emulator.config.GatehouseConfig;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.net.URI;

/** AWS SDK clients of a Gatehouse's user pool: anonymous (SignUp) and signed with the developer's keys (Admin*). */
final class CognitoClients {
    private CognitoClients() {
    }

    static CognitoIdentityProviderClient anonymous(URI endpoint, Outputs outputs) {
        return CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(Region.of(outputs.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }

    static CognitoIdentityProviderClient developer(URI endpoint, Outputs outputs) {
        GatehouseConfig.Developer d = RunningGatehouse.developer(endpoint);
        return CognitoIdentityProviderClient.builder().endpointOverride(endpoint).region(Region.of(outputs.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(d.accessKeyId(), d.secretAccessKey()))).build();
    }

    /** SignUp, then AdminConfirmSignUp with the developer's keys: a confirmed user who can sign in. */
    static void createUser(URI endpoint, Outputs outputs, String email, String password) {
        try (var anonymous = anonymous(endpoint, outputs); var developer = developer(endpoint, outputs)) {
            anonymous.signUp(r -> r.clientId(outputs.userPoolClientId()).username(email).password(password)
                    .userAttributes(a -> a.name("email").value(email)));
            developer.adminConfirmSignUp(r -> r.userPoolId(outputs.userPoolId()).username(email));
        }
    }
}
