package dev.gatehouse.contracts;

import dev.gatehouse.emulator.client.Outputs;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The user pool's {@code Admin*} operations, signed with the developer's credentials (Gatehouse's configured keys, or
 * the default AWS credentials chain against AWS): how the contracts make fresh users.
 */
public final class UserPoolAdmin implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Outputs outputs;
    private final CognitoIdentityProviderClient userPool;

    UserPoolAdmin(Outputs outputs, URI endpoint, AwsCredentialsProvider credentials) {
        this.outputs = outputs;
        var builder = CognitoIdentityProviderClient.builder().region(Region.of(outputs.region()))
                .credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        this.userPool = builder.build();
    }

    /** AdminCreateUser (no message), then AdminSetUserPassword (permanent); returns the new random password. */
    public String createConfirmedUser(String email) {
        String password = "Pw-" + HexFormat.of().formatHex(randomBytes()) + "aA1!";
        userPool.adminCreateUser(r -> r.userPoolId(outputs.userPoolId()).username(email)
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value(email).build(),
                        AttributeType.builder().name("email_verified").value("true").build()));
        userPool.adminSetUserPassword(r -> r.userPoolId(outputs.userPoolId()).username(email)
                .password(password).permanent(true));
        return password;
    }

    public void disableUser(String email) {
        userPool.adminDisableUser(r -> r.userPoolId(outputs.userPoolId()).username(email));
    }

    public void deleteUser(String email) {
        userPool.adminDeleteUser(r -> r.userPoolId(outputs.userPoolId()).username(email));
    }

    @Override
    public void close() {
        userPool.close();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
