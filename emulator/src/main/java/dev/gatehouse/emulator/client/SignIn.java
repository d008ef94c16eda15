package dev.gatehouse.emulator.client;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The guide's first two steps, with the AWS SDK for Java v2 as any client would take them: sign in to the user pool
 * (USER_SRP_AUTH, or USER_PASSWORD_AUTH), then trade the ID token at the identity pool for temporary credentials.
 * Works against Gatehouse (one endpoint for both pools) or against AWS (no endpoint override).
 */
public final class SignIn implements AutoCloseable {
    private final Outputs outputs;
    private final CognitoIdentityProviderClient userPool;
    private final CognitoIdentityClient identityPool;
    private final Clock clock;

    /** @param endpoint Gatehouse's address, or null for AWS's own endpoints */
    public SignIn(Outputs outputs, URI endpoint, Clock clock) {
        this.outputs = outputs;
        this.clock = clock;
        Region region = Region.of(outputs.region());
        var up = CognitoIdentityProviderClient.builder().region(region)
                .credentialsProvider(AnonymousCredentialsProvider.create());
        var ip = CognitoIdentityClient.builder().region(region)
                .credentialsProvider(AnonymousCredentialsProvider.create());
        if (endpoint != null) {
            up.endpointOverride(endpoint);
            ip.endpointOverride(endpoint);
        }
        this.userPool = up.build();
        this.identityPool = ip.build();
    }

    /** Signs in with SRP, the way amazon-cognito-identity-js and Amplify do: the password never leaves this JVM. */
    public Tokens srp(String email, String password) {
        SrpClient srp = new SrpClient(outputs.userPoolId());
        InitiateAuthResponse init = userPool.initiateAuth(r -> r.authFlow(AuthFlowType.USER_SRP_AUTH)
                .clientId(outputs.userPoolClientId())
                .authParameters(Map.of("USERNAME", email, "SRP_A", srp.srpA())));
        if (init.challengeName() != ChallengeNameType.PASSWORD_VERIFIER) {
            throw new IllegalStateException("expected the PASSWORD_VERIFIER challenge, got " + init.challengeNameAsString());
        }
        Map<String, String> p = init.challengeParameters();
        SrpClient.Claim claim = srp.claim(p.get("USER_ID_FOR_SRP"), password, p.get("SALT"), p.get("SRP_B"),
                p.get("SECRET_BLOCK"), clock.instant());
        RespondToAuthChallengeResponse reply = userPool.respondToAuthChallenge(r -> r
                .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                .clientId(outputs.userPoolClientId())
                .session(init.session())
                .challengeResponses(Map.of(
                        "USERNAME", p.getOrDefault("USERNAME", email),
                        "PASSWORD_CLAIM_SECRET_BLOCK", p.get("SECRET_BLOCK"),
                        "PASSWORD_CLAIM_SIGNATURE", claim.signature(),
                        "TIMESTAMP", claim.timestamp())));
        if (reply.authenticationResult() == null) {
            throw new IllegalStateException("sign-in needs the challenge " + reply.challengeNameAsString()
                    + ", which this client does not answer");
        }
        return Tokens.of(reply.authenticationResult());
    }

    /** Signs in with USER_PASSWORD_AUTH (the password is sent to the user pool). */
    public Tokens password(String email, String password) {
        InitiateAuthResponse init = userPool.initiateAuth(r -> r.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .clientId(outputs.userPoolClientId())
                .authParameters(Map.of("USERNAME", email, "PASSWORD", password)));
        if (init.authenticationResult() == null) {
            throw new IllegalStateException("sign-in needs the challenge " + init.challengeNameAsString());
        }
        return Tokens.of(init.authenticationResult());
    }

    /** GetId then GetCredentialsForIdentity with {@code Logins = {provider: idToken}}. */
    public IdentityCredentials credentials(String idToken) {
        Map<String, String> logins = Map.of(outputs.providerName(), idToken);
        String identityId = identityPool.getId(r -> r.identityPoolId(outputs.identityPoolId()).logins(logins))
                .identityId();
        GetCredentialsForIdentityResponse creds = identityPool.getCredentialsForIdentity(r -> r
                .identityId(identityId).logins(logins));
        return new IdentityCredentials(identityId, creds.credentials().accessKeyId(),
                creds.credentials().secretKey(), creds.credentials().sessionToken(), creds.credentials().expiration());
    }

    @Override
    public void close() {
        userPool.close();
        identityPool.close();
    }

    public record Tokens(String idToken, String accessToken, String refreshToken) {
        static Tokens of(AuthenticationResultType r) {
            return new Tokens(r.idToken(), r.accessToken(), r.refreshToken());
        }

        @Override
        public String toString() {
            return "Tokens[...]";
        }
    }

    public record IdentityCredentials(String identityId, String accessKeyId, String secretAccessKey,
                                      String sessionToken, Instant expiration) {
        @Override
        public String toString() {
            return "IdentityCredentials[" + identityId + ", " + accessKeyId + ", expires " + expiration + "]";
        }
    }
}
