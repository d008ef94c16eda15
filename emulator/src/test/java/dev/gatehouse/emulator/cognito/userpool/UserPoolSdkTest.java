package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.clock.ControlledClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.*;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real AWS SDK v2 client against the pool, over HTTP on loopback. */
class UserPoolSdkTest {
    static final String POOL_ID = UserPoolSrpTest.POOL_ID;
    static final String CLIENT_ID = UserPoolSrpTest.CLIENT_ID;
    static UserPool pool;
    static TestCognitoServer server;
    static CognitoIdentityProviderClient cognito;

    @BeforeAll
    static void start() {
        pool = UserPoolSrpTest.newPool(new ControlledClock());
        server = new TestCognitoServer(pool);
        cognito = client(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                TestCognitoServer.DEVELOPER.accessKeyId(), TestCognitoServer.DEVELOPER.secretAccessKey())));
    }

    static CognitoIdentityProviderClient client(AwsCredentialsProvider credentials) {
        return CognitoIdentityProviderClient.builder().region(Region.US_EAST_1).endpointOverride(server.endpoint())
                .credentialsProvider(credentials).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static InitiateAuthResponse passwordSignIn(String email, String password) {
        return cognito.initiateAuth(r -> r.authFlow(AuthFlowType.USER_PASSWORD_AUTH).clientId(CLIENT_ID)
                .authParameters(Map.of("USERNAME", email, "PASSWORD", password)));
    }

    static <T extends CognitoIdentityProviderException> T refused(Class<T> type, String message, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(message, e.awsErrorDetails().errorMessage());
        return e;
    }

    @Test
    void sign_up_confirm_sign_in_refresh_get_user_and_global_sign_out() {
        String email = "signup-flow@example.com";
        SignUpResponse signUp = cognito.signUp(r -> r.clientId(CLIENT_ID).username(email).password("Secret-123")
                .userAttributes(AttributeType.builder().name("name").value("Sign Up").build()));
        assertFalse(signUp.userConfirmed());
        assertEquals("EMAIL", signUp.codeDeliveryDetails().deliveryMediumAsString());
        refused(UserNotConfirmedException.class, "User is not confirmed.", () -> passwordSignIn(email, "Secret-123"));
        refused(CodeMismatchException.class, "Invalid verification code provided, please try again.",
                () -> cognito.confirmSignUp(r -> r.clientId(CLIENT_ID).username(email).confirmationCode("x")));
        String code = pool.lastConfirmationCode(email);
        cognito.confirmSignUp(r -> r.clientId(CLIENT_ID).username(email.toUpperCase()).confirmationCode(code));

        AuthenticationResultType tokens = passwordSignIn(email, "Secret-123").authenticationResult();
        assertEquals("Bearer", tokens.tokenType());
        assertEquals(3600, tokens.expiresIn());
        assertNotNull(tokens.refreshToken());

        AuthenticationResultType refreshed = cognito.initiateAuth(r -> r.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .clientId(CLIENT_ID).authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken())))
                .authenticationResult();
        assertNotNull(refreshed.idToken());
        assertNull(refreshed.refreshToken());

        GetUserResponse user = cognito.getUser(r -> r.accessToken(refreshed.accessToken()));
        assertEquals(signUp.userSub(), user.username());
        assertTrue(user.userAttributes().contains(AttributeType.builder().name("email").value(email).build()));
        assertTrue(user.userAttributes().contains(
                AttributeType.builder().name("email_verified").value("true").build()));

        cognito.globalSignOut(r -> r.accessToken(tokens.accessToken()));
        refused(NotAuthorizedException.class, "Refresh Token has been revoked", () -> cognito.initiateAuth(r -> r
                .authFlow(AuthFlowType.REFRESH_TOKEN).clientId(CLIENT_ID)
                .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))));
        refused(NotAuthorizedException.class, "Access Token has been revoked",
                () -> cognito.getUser(r -> r.accessToken(refreshed.accessToken())));
        refused(NotAuthorizedException.class, "Invalid Refresh Token.", () -> cognito.initiateAuth(r -> r
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).clientId(CLIENT_ID)
                .authParameters(Map.of("REFRESH_TOKEN", "not-a-token"))));
    }

    @Test
    void sign_up_errors_have_cognitos_types_and_messages() {
        refused(UsernameExistsException.class, "An account with the given email already exists.",
                () -> cognito.signUp(r -> r.clientId(CLIENT_ID).username("ADMIN@example.com").password("Secret-123")));
        refused(InvalidPasswordException.class, "Password did not conform with policy: Password not long enough",
                () -> cognito.signUp(r -> r.clientId(CLIENT_ID).username("short@example.com").password("Ab1!")));
        refused(InvalidPasswordException.class, "Password did not conform with policy: Password must have symbol "
                + "characters", () -> cognito.signUp(r -> r.clientId(CLIENT_ID).username("sym@example.com")
                .password("Secret123")));
        refused(InvalidPasswordException.class, "Password did not conform with policy: Password must have uppercase "
                + "characters", () -> cognito.signUp(r -> r.clientId(CLIENT_ID).username("upper@example.com")
                .password("\u00c9clair-passw0rd")));
        refused(InvalidPasswordException.class, "Password did not conform with policy: Password must have lowercase "
                + "characters", () -> cognito.signUp(r -> r.clientId(CLIENT_ID).username("lower@example.com")
                .password("STRASSE-\u00df\u00e9-123")));
        cognito.signUp(r -> r.clientId(CLIENT_ID).username("latin@example.com").password("\u00c9clair-Passw0rd"));
        refused(InvalidParameterException.class, "1 validation error detected: Value null at 'password' failed to "
                + "satisfy constraint: Member must not be null",
                () -> cognito.signUp(r -> r.clientId(CLIENT_ID).username("nopw@example.com")));
        refused(InvalidParameterException.class, "Username should be an email.",
                () -> cognito.signUp(r -> r.clientId(CLIENT_ID).username("not-an-email").password("Secret-123")));
        refused(ResourceNotFoundException.class, "User pool client wrongclient does not exist.",
                () -> cognito.signUp(r -> r.clientId("wrongclient").username("a@example.com").password("Secret-123")));
        refused(NotAuthorizedException.class, "Incorrect username or password.",
                () -> passwordSignIn("admin@example.com", "Wrong-pass1"));
        refused(UserNotFoundException.class, "User does not exist.",
                () -> passwordSignIn("nobody@example.com", "Wrong-pass1"));
        refused(InvalidParameterException.class, "Missing required parameter PASSWORD",
                () -> cognito.initiateAuth(r -> r.authFlow(AuthFlowType.USER_PASSWORD_AUTH).clientId(CLIENT_ID)
                        .authParameters(Map.of("USERNAME", "admin@example.com"))));
    }

    @Test
    void admin_created_user_must_choose_a_new_password() {
        String email = "created@example.com";
        AdminCreateUserResponse created = cognito.adminCreateUser(r -> r.userPoolId(POOL_ID).username(email)
                .temporaryPassword("Temp-Pass1").messageAction(MessageActionType.SUPPRESS));
        assertEquals(UserStatusType.FORCE_CHANGE_PASSWORD, created.user().userStatus());
        assertTrue(created.user().enabled());
        assertNotNull(created.user().userCreateDate());

        InitiateAuthResponse challenge = passwordSignIn(email, "Temp-Pass1");
        assertEquals(ChallengeNameType.NEW_PASSWORD_REQUIRED, challenge.challengeName());
        assertNotNull(challenge.session());
        refused(InvalidPasswordException.class, "Password did not conform with policy: Password must have "
                + "uppercase characters", () -> cognito.respondToAuthChallenge(r -> r.clientId(CLIENT_ID)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", email, "NEW_PASSWORD", "lower-only1"))));
        RespondToAuthChallengeResponse done = cognito.respondToAuthChallenge(r -> r.clientId(CLIENT_ID)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", email, "NEW_PASSWORD", "Chosen-Pass1")));
        assertNotNull(done.authenticationResult().idToken());

        AdminGetUserResponse got = cognito.adminGetUser(r -> r.userPoolId(POOL_ID).username(email));
        assertEquals(UserStatusType.CONFIRMED, got.userStatus());
        assertEquals(created.user().username(), got.username());
        assertNotNull(passwordSignIn(email, "Chosen-Pass1").authenticationResult());
        refused(NotAuthorizedException.class, "Incorrect username or password.",
                () -> passwordSignIn(email, "Temp-Pass1"));

        cognito.adminSetUserPassword(r -> r.userPoolId(POOL_ID).username(email).password("Reset-Pass1")
                .permanent(true));
        assertNotNull(passwordSignIn(email, "Reset-Pass1").authenticationResult());
    }

    @Test
    void list_users_filters_and_pages() {
        for (String name : new String[]{"list-a", "list-b", "list-c"}) {
            cognito.adminCreateUser(r -> r.userPoolId(POOL_ID).username(name + "@lists.example.com")
                    .temporaryPassword("Temp-Pass1"));
        }
        ListUsersResponse exact = cognito.listUsers(r -> r.userPoolId(POOL_ID)
                .filter("email = \"list-b@lists.example.com\""));
        assertEquals(1, exact.users().size());
        ListUsersResponse page1 = cognito.listUsers(r -> r.userPoolId(POOL_ID).filter("email ^= \"list-\"").limit(2));
        assertEquals(2, page1.users().size());
        assertNotNull(page1.paginationToken());
        ListUsersResponse page2 = cognito.listUsers(r -> r.userPoolId(POOL_ID).filter("email ^= \"list-\"")
                .limit(2).paginationToken(page1.paginationToken()));
        assertEquals(1, page2.users().size());
        assertNull(page2.paginationToken());
        refused(InvalidParameterException.class, "Error while parsing filter.",
                () -> cognito.listUsers(r -> r.userPoolId(POOL_ID).filter("email ~ x")));
        refused(ResourceNotFoundException.class, "User pool us-east-1_Other does not exist.",
                () -> cognito.listUsers(r -> r.userPoolId("us-east-1_Other")));
    }

    @Test
    void a_disabled_user_cannot_sign_in() {
        String email = "disabled@example.com";
        cognito.adminCreateUser(r -> r.userPoolId(POOL_ID).username(email).temporaryPassword("Temp-Pass1"));
        cognito.adminSetUserPassword(r -> r.userPoolId(POOL_ID).username(email).password("Perm-Pass1")
                .permanent(true));
        String access = passwordSignIn(email, "Perm-Pass1").authenticationResult().accessToken();
        cognito.adminDisableUser(r -> r.userPoolId(POOL_ID).username(email));
        refused(NotAuthorizedException.class, "User is disabled.", () -> passwordSignIn(email, "Perm-Pass1"));
        assertThrows(NotAuthorizedException.class, () -> cognito.getUser(r -> r.accessToken(access)));
        cognito.adminEnableUser(r -> r.userPoolId(POOL_ID).username(email));
        assertNotNull(passwordSignIn(email, "Perm-Pass1").authenticationResult());
        cognito.adminDeleteUser(r -> r.userPoolId(POOL_ID).username(email));
        refused(UserNotFoundException.class, "User does not exist.",
                () -> cognito.adminGetUser(r -> r.userPoolId(POOL_ID).username(email)));
    }

    @Test
    void admin_operations_need_the_developers_signature() {
        try (CognitoIdentityProviderClient anonymous = client(AnonymousCredentialsProvider.create());
             CognitoIdentityProviderClient role = client(StaticCredentialsProvider.create(
                     AwsSessionCredentials.create(TestCognitoServer.ROLE_KEY, "secret", "token")))) {
            CognitoIdentityProviderException unsigned = assertThrows(CognitoIdentityProviderException.class,
                    () -> anonymous.adminGetUser(r -> r.userPoolId(POOL_ID).username("admin@example.com")));
            assertEquals("MissingAuthenticationTokenException", unsigned.awsErrorDetails().errorCode());
            assertEquals("Missing Authentication Token", unsigned.awsErrorDetails().errorMessage());
            CognitoIdentityProviderException denied = assertThrows(CognitoIdentityProviderException.class,
                    () -> role.adminGetUser(r -> r.userPoolId(POOL_ID).username("admin@example.com")));
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertEquals("User: arn:aws:sts::123456789012:assumed-role/notes-CognitoAuthRole/CognitoIdentityCredentials"
                    + " is not authorized to perform: cognito-idp:AdminGetUser on resource: "
                    + "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_GateHouse",
                    denied.awsErrorDetails().errorMessage());
        }
    }
}
