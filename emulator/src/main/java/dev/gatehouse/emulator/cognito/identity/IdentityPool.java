package dev.gatehouse.emulator.cognito.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.gatehouse.emulator.awsjson.AwsJsonCall;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.awsjson.AwsJsonService;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.CredentialStore;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.ExecuteApiPolicy;
import dev.gatehouse.emulator.iam.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A Cognito identity pool with one user pool as its provider, spoken in awsJson1.1 ({@code AWSCognitoIdentityService}):
 * GetId, GetCredentialsForIdentity (the enhanced flow) and GetOpenIdToken. Credentials are issued into the
 * {@link CredentialStore} the SigV4 verifier reads.
 */
public final class IdentityPool implements AwsJsonService {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityPool.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final GatehouseConfig.IdentityPool config;
    private final String accountId;
    private final CredentialStore credentials;
    private final LoginVerifier verifier;
    private final IdentityStore identities;
    private final OpenIdTokenSigner openIdTokens;
    private final ExecuteApiPolicy authenticatedPolicy;
    private final ExecuteApiPolicy unauthenticatedPolicy;

    /**
     * @param userPoolKeys the user pool's public keys (read on every verification, so key changes are seen)
     * @throws IllegalArgumentException when a role policy is invalid (the message names the role and the field)
     */
    public IdentityPool(GatehouseConfig.IdentityPool config, GatehouseConfig.UserPool userPool, String region,
                        String accountId, Clock clock, Supplier<JWKSet> userPoolKeys, CredentialStore credentials,
                        Optional<Path> dataDir) {
        this.config = config;
        this.accountId = accountId;
        this.credentials = credentials;
        this.verifier = new LoginVerifier(userPool.providerName(region), List.of(userPool.clientId()), userPoolKeys,
                clock);
        this.identities = new IdentityStore(config.id(), clock, dataDir);
        this.openIdTokens = new OpenIdTokenSigner(clock, dataDir);
        this.authenticatedPolicy = policy(config.authenticatedRole());
        this.unauthenticatedPolicy = policy(config.unauthenticatedRole());
    }

    private static ExecuteApiPolicy policy(GatehouseConfig.Role role) {
        if (role == null) {
            return null; // no unauthenticated role: guests get no credentials
        }
        try {
            return ExecuteApiPolicy.parse(role.policy());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role " + role.name() + ", policy." + e.getMessage(), e);
        }
    }

    @Override
    public String targetPrefix() {
        return "AWSCognitoIdentityService";
    }

    @Override
    public String signingName() {
        return "cognito-identity";
    }

    @Override
    public Object handle(String operation, JsonNode input, AwsJsonCall call) {
        return switch (operation) {
            case "GetId" -> getId(input);
            case "GetCredentialsForIdentity" -> getCredentialsForIdentity(input);
            case "GetOpenIdToken" -> getOpenIdToken(input);
            default -> throw new AwsJsonError("UnknownOperationException",
                    "Operation " + operation + " is not supported by Gatehouse's identity pool.");
        };
    }

    private ObjectNode getId(JsonNode input) {
        String poolId = Inputs.requiredId(input, "IdentityPoolId");
        if (!poolId.equals(config.id())) {
            throw new AwsJsonError("ResourceNotFoundException", Messages.poolNotFound(poolId));
        }
        Inputs.accountId(input).ifPresent(account -> {
            if (!account.equals(accountId)) {
                throw new AwsJsonError("ResourceNotFoundException", Messages.poolNotFound(poolId));
            }
        });
        Map<String, String> logins = Inputs.logins(input);
        CognitoIdentity identity;
        if (logins.isEmpty()) {
            requireUnauthenticatedAllowed();
            identity = identities.newGuest();
        } else {
            LoginVerifier.Login login = verifier.verify(logins);
            identity = identities.authenticated(login.providerName(), login.sub());
        }
        return JSON.objectNode().put("IdentityId", identity.identityId());
    }

    private ObjectNode getCredentialsForIdentity(JsonNode input) {
        CognitoIdentity identity = authorize(input);
        Inputs.optionalString(input, "CustomRoleArn").ifPresent(arn -> {
            if (!arn.equals(roleArn(roleFor(identity)))) {
                throw AwsJsonError.invalidParameter("CustomRoleArn " + arn + " is not a role of this identity pool "
                        + "for this identity (Gatehouse has no role mappings).");
            }
        });
        Credentials issued = issueCredentials(identity);
        ObjectNode out = JSON.objectNode().put("IdentityId", identity.identityId());
        out.putObject("Credentials")
                .put("AccessKeyId", issued.accessKeyId())
                .put("SecretKey", issued.secretAccessKey())
                .put("SessionToken", issued.sessionToken())
                .put("Expiration", BigDecimal.valueOf(issued.expiration().getEpochSecond()).setScale(1));
        return out;
    }

    private ObjectNode getOpenIdToken(JsonNode input) {
        CognitoIdentity identity = authorize(input);
        return JSON.objectNode().put("IdentityId", identity.identityId()).put("Token", openIdTokens.sign(identity));
    }

    /** The identity named by {@code IdentityId}, after checking the caller may act for it with its {@code Logins}. */
    private CognitoIdentity authorize(JsonNode input) {
        String identityId = Inputs.requiredId(input, "IdentityId");
        Map<String, String> logins = Inputs.logins(input);
        Optional<CognitoIdentity> known = identities.find(identityId);
        if (!logins.isEmpty()) {
            LoginVerifier.Login login = verifier.verify(logins);
            CognitoIdentity own = identities.authenticated(login.providerName(), login.sub());
            if (own.identityId().equals(identityId)) {
                return own;
            }
            if (known.isEmpty()) {
                throw new AwsJsonError("ResourceNotFoundException", Messages.identityNotFound(identityId));
            }
            throw AwsJsonError.notAuthorized(Messages.LOGINS_DONT_MATCH);
        }
        CognitoIdentity identity = known.orElseThrow(
                () -> new AwsJsonError("ResourceNotFoundException", Messages.identityNotFound(identityId)));
        if (identity.authenticated()) {
            throw AwsJsonError.notAuthorized(Messages.LOGINS_DONT_MATCH);
        }
        requireUnauthenticatedAllowed();
        return identity;
    }

    private void requireUnauthenticatedAllowed() {
        if (!config.allowUnauthenticated()) {
            throw AwsJsonError.notAuthorized(Messages.UNAUTHENTICATED_NOT_SUPPORTED);
        }
    }

    /** The identity of a user pool user, as GetId with that user's ID token would give (used for fixture users). */
    public CognitoIdentity identityFor(String userPoolSub) {
        return identities.authenticated(verifier.providerName(), userPoolSub);
    }

    /** The identity id of a user pool user, without creating the identity (it is derived from the sub). */
    public String identityIdOf(String userPoolSub) {
        return identities.authenticatedId(verifier.providerName(), userPoolSub);
    }

    /** The role whose credentials an identity receives: the authenticated or the unauthenticated role. */
    public GatehouseConfig.Role roleFor(CognitoIdentity identity) {
        return identity.authenticated() ? config.authenticatedRole() : config.unauthenticatedRole();
    }

    /** The validated policy of {@link #roleFor(CognitoIdentity)}, for the IAM authorizer. */
    public ExecuteApiPolicy policyFor(CognitoIdentity identity) {
        return identity.authenticated() ? authenticatedPolicy : unauthenticatedPolicy;
    }

    /** Issues credentials for an identity's role, as GetCredentialsForIdentity does (no Logins check). */
    public Credentials issueCredentials(CognitoIdentity identity) {
        GatehouseConfig.Role role = roleFor(identity);
        if (role == null) {
            throw new AwsJsonError("InvalidIdentityPoolConfigurationException",
                    "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
        }
        Credentials issued = credentials.issue(new Principal.AssumedRole(accountId, role.name(), role.roleId(),
                identity), Duration.ofMinutes(config.credentialsMinutes()));
        LOG.debug("Issued {} for identity {}", issued, identity.identityId());
        return issued;
    }

    /** The public key of the tokens GetOpenIdToken returns. */
    public JWKSet openIdTokenKeys() {
        return openIdTokens.publicKeys();
    }

    public String identityPoolId() {
        return config.id();
    }

    private String roleArn(GatehouseConfig.Role role) {
        return "arn:aws:iam::" + accountId + ":role/" + role.name();
    }
}
