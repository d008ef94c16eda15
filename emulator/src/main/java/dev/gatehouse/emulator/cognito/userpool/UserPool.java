package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.gatehouse.emulator.awsjson.AwsJsonCall;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.awsjson.AwsJsonService;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The Cognito user pool ({@code cognito-idp}, awsJson1.1, {@code X-Amz-Target: AWSCognitoIdentityProviderService.<Op>}):
 * sign-up with its codes, password reset, sign-in (USER_SRP_AUTH, USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH) with its
 * lockout, tokens and their keys, refresh and
 * revocation ({@link Sessions}), the operations a user authorizes with an access token ({@link UserOperations}) and
 * the signed {@code Admin*} operations. Email is the username; the internal username is the {@code sub}.
 *
 * <p>Gatehouse sends no email: every message with a code is kept in the {@link Outbox} ({@link #messagesTo}) and
 * logged at INFO as {@code Confirmation code for <email>: 123456 (SIGN_UP)}.
 */
public final class UserPool implements AwsJsonService {
    /** What Gatehouse itself may see of a user. */
    public record UserView(String sub, String email, boolean enabled, String status) {
    }

    private final PoolState pool;
    private final SigningKeys keys;
    private final SignUpOperations signUp;
    private final SignInOperations signIn;
    private final ForgotPasswordOperations forgotPassword;
    private final Sessions sessions;
    private final UserOperations user;
    private final AdminOperations admin;
    private final ListUsersOperation listUsers;

    public UserPool(GatehouseConfig.UserPool config, String region, String accountId, Clock clock,
                    Optional<Path> dataDir) {
        this(config, region, accountId, clock, clock, dataDir);
    }

    /** {@code clock} ages tokens and codes; {@code signatureClock} is what clients' SRP TIMESTAMPs are checked with. */
    public UserPool(GatehouseConfig.UserPool config, String region, String accountId, Clock clock,
                    Clock signatureClock, Optional<Path> dataDir) {
        this(config, region, accountId, clock, signatureClock, dataDir, Optional.empty());
    }

    /** New signing keys come from {@code keyPool} while it has some (see {@link KeyPool}). */
    public UserPool(GatehouseConfig.UserPool config, String region, String accountId, Clock clock,
                    Clock signatureClock, Optional<Path> dataDir, Optional<KeyPool> keyPool) {
        this.keys = new SigningKeys(dataDir, keyPool);
        TokenIssuer tokens = new TokenIssuer(keys, config.issuer(region), config.clientId(), clock,
                config.idTokenMinutes(), config.accessTokenMinutes());
        this.pool = new PoolState(config, region, accountId, clock, signatureClock, new UserStore(dataDir), tokens,
                new SrpChallenges(), new NewPasswordSessions(),
                new ConfirmationCodes(new Outbox(clock, dataDir), dataDir), new SignInLockout(),
                new DecoyUsers(dataDir));
        this.signUp = new SignUpOperations(pool);
        this.signIn = new SignInOperations(pool);
        this.forgotPassword = new ForgotPasswordOperations(pool);
        this.sessions = new Sessions(pool);
        this.user = new UserOperations(pool);
        this.admin = new AdminOperations(pool);
        this.listUsers = new ListUsersOperation(pool);
    }

    @Override
    public String targetPrefix() {
        return "AWSCognitoIdentityProviderService";
    }

    @Override
    public String signingName() {
        return "cognito-idp";
    }

    @Override
    public Object handle(String operation, JsonNode input, AwsJsonCall call) {
        switch (operation) {
            case "SignUp": return signUp.signUp(input);
            case "ConfirmSignUp": return signUp.confirmSignUp(input);
            case "ResendConfirmationCode": return signUp.resendConfirmationCode(input);
            case "ForgotPassword": return forgotPassword.forgotPassword(input);
            case "ConfirmForgotPassword": return forgotPassword.confirmForgotPassword(input);
            case "InitiateAuth": return signIn.initiateAuth(input);
            case "RespondToAuthChallenge": return signIn.respondToAuthChallenge(input);
            case "GetTokensFromRefreshToken": return sessions.getTokensFromRefreshToken(input);
            case "RevokeToken": return sessions.revokeToken(input);
            case "GlobalSignOut": return sessions.globalSignOut(input);
            case "GetUser": return user.getUser(input);
            case "ChangePassword": return user.changePassword(input);
            case "UpdateUserAttributes": return user.updateUserAttributes(input);
            case "GetUserAttributeVerificationCode": return user.getUserAttributeVerificationCode(input);
            case "VerifyUserAttribute": return user.verifyUserAttribute(input);
            case "DeleteUser": return user.deleteUser(input);
            default: break;
        }
        if (!ADMIN_OPERATIONS.contains(operation)) {
            throw new AwsJsonError("UnknownOperationException", "Operation " + operation + " is not supported by "
                    + "Gatehouse's user pool.");
        }
        admin.authorize(operation, input, call);
        return switch (operation) {
            case "AdminCreateUser" -> admin.createUser(input);
            case "AdminSetUserPassword" -> admin.setUserPassword(input);
            case "AdminConfirmSignUp" -> admin.confirmSignUp(input);
            case "AdminGetUser" -> admin.getUser(input);
            case "AdminDeleteUser" -> admin.deleteUser(input);
            case "AdminDisableUser" -> admin.disableUser(input);
            case "AdminEnableUser" -> admin.enableUser(input);
            case "AdminUserGlobalSignOut" -> sessions.adminUserGlobalSignOut(admin.existingUser(input));
            case "AdminInitiateAuth" -> signIn.adminInitiateAuth(input);
            case "AdminRespondToAuthChallenge" -> signIn.respondToAuthChallenge(input);
            case "AdminUpdateUserAttributes" -> admin.updateUserAttributes(input);
            case "AdminResetUserPassword" -> admin.resetUserPassword(input);
            default -> listUsers.listUsers(input);
        };
    }

    private static final List<String> ADMIN_OPERATIONS = List.of("AdminCreateUser", "AdminSetUserPassword",
            "AdminConfirmSignUp", "AdminGetUser", "AdminDeleteUser", "AdminDisableUser", "AdminEnableUser",
            "AdminUserGlobalSignOut", "AdminInitiateAuth", "AdminRespondToAuthChallenge",
            "AdminUpdateUserAttributes", "AdminResetUserPassword", "ListUsers");

    /** The public signing keys, for the identity pool's token verification. Blocks until the keys exist. */
    public JWKSet publicKeys() {
        return keys.get().publicSet();
    }

    /** {@code {"keys":[...]}}: what Gatehouse serves at {@code /<poolId>/.well-known/jwks.json}. */
    public String jwksJson() {
        return publicKeys().toString(true);
    }

    /** What Gatehouse serves at {@code /<poolId>/.well-known/openid-configuration}. */
    public String openIdConfigurationJson() {
        String iss = pool.config().issuer(pool.region());
        String domain = "https://" + pool.config().id().toLowerCase(java.util.Locale.ROOT).replace("_", "") + ".auth." + pool.region()
                + ".amazoncognito.com";
        ObjectNode o = Shapes.JSON.objectNode();
        o.put("authorization_endpoint", domain + "/oauth2/authorize");
        o.putArray("id_token_signing_alg_values_supported").add("RS256");
        o.put("issuer", iss);
        o.put("jwks_uri", iss + "/.well-known/jwks.json");
        o.putArray("response_types_supported").add("code").add("token");
        o.putArray("scopes_supported").add("openid").add("email").add("phone").add("profile");
        o.putArray("subject_types_supported").add("public");
        o.put("token_endpoint", domain + "/oauth2/token");
        o.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        o.put("userinfo_endpoint", domain + "/oauth2/userInfo");
        return o.toString();
    }

    /**
     * Creates a CONFIRMED, enabled, email-verified user with the fixture's fixed {@code sub} and password. Leaves a
     * user that already exists (e.g. kept in the data directory) as it is.
     */
    public void createFixtureUser(GatehouseConfig.User u) {
        synchronized (pool.users()) {
            if (pool.users().byEmail(u.email()).isPresent() || pool.users().bySub(u.sub()).isPresent()) {
                return;
            }
            Instant now = pool.now();
            PasswordVerifier pv = PasswordVerifier.of(pool.poolSuffix(), u.sub(), u.password());
            pool.users().put(new StoredUser(u.sub(), u.email(),
                    java.util.Map.of("email", u.email(), "email_verified", "true"), StoredUser.CONFIRMED, true,
                    pv.salt(), pv.verifier(), now, now, null, null));
        }
    }

    public Optional<UserView> findUserByEmail(String email) {
        return pool.users().byEmail(email).map(StoredUser::view);
    }

    public Optional<UserView> findUserBySub(String sub) {
        return pool.users().bySub(sub).map(StoredUser::view);
    }

    /** Replaces the pool's token signing keys: tokens issued before no longer verify (as after a key rotation). */
    public void rotateSigningKeys() {
        keys.rotate();
    }

    /** When a user last signed in (the auth_time of the newest tokens issued since start), or null. */
    public Instant lastSignIn(String sub) {
        return pool.tokens().lastSignIn(sub);
    }

    public List<UserView> users() {
        return pool.users().all().stream().map(StoredUser::view).toList();
    }

    /** Disables a user and revokes their tokens, as AdminDisableUser does. Returns false when there is no such user. */
    public boolean disableUser(String email) {
        Optional<StoredUser> user = pool.users().byEmail(email);
        user.ifPresent(u -> admin.setEnabled(u.sub(), false));
        return user.isPresent();
    }

    /** Re-enables a user. Returns false when there is no such user. */
    public boolean enableUser(String email) {
        Optional<StoredUser> user = pool.users().byEmail(email);
        user.ifPresent(u -> admin.setEnabled(u.sub(), true));
        return user.isPresent();
    }

    /** What the pool would have sent to this address, newest first. */
    public List<Outbox.Message> messagesTo(String email) {
        return pool.codes().outbox().to(email);
    }

    /** Tests: every new confirmation code, as {@code (email, code)}. */
    void confirmationCodeListener(BiConsumer<String, String> listener) {
        pool.codes().listener(listener);
    }

    /** Tests: the last confirmation code sent to an email. */
    String lastConfirmationCode(String email) {
        return pool.codes().last(email);
    }
}
