package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The operations a user authorizes with an access token, with the AWS SDK v2 client over HTTP on loopback:
 * ChangePassword, UpdateUserAttributes, GetUserAttributeVerificationCode, VerifyUserAttribute, DeleteUser; an email
 * change with the default attribute-update setting and with {@code attributesRequireVerificationBeforeUpdate}.
 */
class UserAccountOperationsTest {
    static final String PASSWORD = "Account-Passw0rd!";
    static final ControlledClock CLOCK = new ControlledClock();
    static Pool immediate;
    static Pool keepOriginal;

    /** A pool, its HTTP front and an unsigned and a developer-signed client. */
    record Pool(UserPool pool, TestCognitoServer server, CognitoIdentityProviderClient user,
                CognitoIdentityProviderClient admin) {
        static Pool start(List<String> requireVerification) {
            GatehouseConfig.UserPool c = UserPoolSrpTest.config();
            UserPool pool = new UserPool(new GatehouseConfig.UserPool(c.id(), c.name(), c.clientId(),
                    c.allowedAuthFlows(), 60, 60, 30, null, requireVerification), "us-east-1", "123456789012", CLOCK,
                    Optional.empty());
            TestCognitoServer server = new TestCognitoServer(pool);
            var developer = TestCognitoServer.DEVELOPER;
            return new Pool(pool, server, client(server, AnonymousCredentialsProvider.create()),
                    client(server, StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(developer.accessKeyId(), developer.secretAccessKey()))));
        }

        static CognitoIdentityProviderClient client(TestCognitoServer server,
                                                    software.amazon.awssdk.auth.credentials.AwsCredentialsProvider p) {
            return CognitoIdentityProviderClient.builder().region(Region.US_EAST_1)
                    .endpointOverride(server.endpoint()).credentialsProvider(p).build();
        }

        String confirmedUser(String email) {
            String sub = user.signUp(r -> r.clientId(UserPoolSrpTest.CLIENT_ID).username(email).password(PASSWORD))
                    .userSub();
            user.confirmSignUp(r -> r.clientId(UserPoolSrpTest.CLIENT_ID).username(email)
                    .confirmationCode(pool.lastConfirmationCode(email)));
            return sub;
        }

        AuthenticationResultType signIn(String email, String password) {
            return user.initiateAuth(r -> r.authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .clientId(UserPoolSrpTest.CLIENT_ID).authParameters(Map.of("USERNAME", email, "PASSWORD",
                            password))).authenticationResult();
        }

        Map<String, String> attributes(String accessToken) {
            Map<String, String> out = new java.util.TreeMap<>();
            user.getUser(r -> r.accessToken(accessToken)).userAttributes().forEach(a -> out.put(a.name(), a.value()));
            return out;
        }

        void close() {
            user.close();
            admin.close();
            server.close();
        }
    }

    @BeforeAll
    static void start() {
        immediate = Pool.start(null);
        keepOriginal = Pool.start(List.of("email"));
    }

    @AfterAll
    static void stop() {
        immediate.close();
        keepOriginal.close();
    }

    static String email(String test) {
        return test + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    static <T extends CognitoIdentityProviderException> void refused(Class<T> type, String message,
                                                                     org.junit.jupiter.api.function.Executable call) {
        UserPoolSdkTest.refused(type, message, call);
    }

    @Test
    void change_password_proves_the_previous_one_and_keeps_existing_tokens_valid() {
        Pool p = immediate;
        String email = email("change-password");
        String sub = p.confirmedUser(email);
        AuthenticationResultType tokens = p.signIn(email, PASSWORD);

        refused(NotAuthorizedException.class, "Incorrect username or password.", () -> p.user.changePassword(
                r -> r.accessToken(tokens.accessToken()).previousPassword("Wrong-Passw0rd!").proposedPassword(
                        "New-Passw0rd!")));
        refused(InvalidPasswordException.class, "Password did not conform with policy: Password not long enough",
                () -> p.user.changePassword(r -> r.accessToken(tokens.accessToken()).previousPassword(PASSWORD)
                        .proposedPassword("Ab1!")));
        refused(NotAuthorizedException.class, "Invalid Access Token", () -> p.user.changePassword(
                r -> r.accessToken(tokens.idToken()).previousPassword(PASSWORD).proposedPassword("New-Passw0rd!")));

        p.user.changePassword(r -> r.accessToken(tokens.accessToken()).previousPassword(PASSWORD)
                .proposedPassword("New-Passw0rd!"));

        refused(NotAuthorizedException.class, "Incorrect username or password.", () -> p.signIn(email, PASSWORD));
        assertEquals(sub, p.user.getUser(r -> r.accessToken(p.signIn(email, "New-Passw0rd!").accessToken()))
                .username());
        assertEquals(sub, p.user.getUser(r -> r.accessToken(tokens.accessToken())).username(),
                "tokens issued before the change stay valid");
        p.user.getTokensFromRefreshToken(r -> r.clientId(UserPoolSrpTest.CLIENT_ID)
                .refreshToken(tokens.refreshToken()));
    }

    @Test
    void a_revoked_or_expired_access_token_changes_nothing() {
        Pool p = immediate;
        String email = email("stale-token");
        p.confirmedUser(email);
        AuthenticationResultType tokens = p.signIn(email, PASSWORD);
        try {
            CLOCK.offset(Duration.ofMinutes(61));
            refused(NotAuthorizedException.class, "Access Token has expired", () -> p.user.updateUserAttributes(
                    r -> r.accessToken(tokens.accessToken()).userAttributes(attribute("name", "Late"))));
        } finally {
            CLOCK.resume();
        }
        p.user.revokeToken(r -> r.clientId(UserPoolSrpTest.CLIENT_ID).token(tokens.refreshToken()));
        refused(NotAuthorizedException.class, "Access Token has been revoked", () -> p.user.changePassword(
                r -> r.accessToken(tokens.accessToken()).previousPassword(PASSWORD).proposedPassword("New-Passw0rd!")));
        refused(NotAuthorizedException.class, "Access Token has been revoked", () -> p.user.deleteUser(
                r -> r.accessToken(tokens.accessToken())));
        assertEquals(null, p.attributes(p.signIn(email, PASSWORD).accessToken()).get("name"));
    }

    @Test
    void update_user_attributes_sets_and_deletes_attributes_but_never_email_verified() {
        Pool p = immediate;
        String email = email("attributes");
        p.confirmedUser(email);
        String token = p.signIn(email, PASSWORD).accessToken();

        UpdateUserAttributesResponse r1 = p.user.updateUserAttributes(r -> r.accessToken(token)
                .userAttributes(attribute("name", "Ada Lovelace"), attribute("given_name", "Ada")));
        assertEquals(List.of(), r1.codeDeliveryDetailsList());
        assertEquals("Ada Lovelace", p.attributes(token).get("name"));
        p.user.updateUserAttributes(r -> r.accessToken(token).userAttributes(attribute("given_name", "")));
        assertNull(p.attributes(token).get("given_name"), "a blank value deletes the attribute");

        refused(NotAuthorizedException.class, "A client attempted to write unauthorized attribute",
                () -> p.user.updateUserAttributes(r -> r.accessToken(token)
                        .userAttributes(attribute("email_verified", "false"))));
        refused(InvalidParameterException.class, "Attribute does not exist in the schema.",
                () -> p.user.updateUserAttributes(r -> r.accessToken(token)
                        .userAttributes(attribute("custom:team", "x"))));
        refused(InvalidParameterException.class, "Invalid email address format.",
                () -> p.user.updateUserAttributes(r -> r.accessToken(token).userAttributes(attribute("email", "x"))));
        refused(AliasExistsException.class, "An account with the given email already exists.",
                () -> {
                    String other = email("taken");
                    p.confirmedUser(other);
                    p.user.updateUserAttributes(r -> r.accessToken(token).userAttributes(attribute("email", other)));
                });
        assertEquals(email, p.attributes(token).get("email"));
        assertEquals("true", p.attributes(token).get("email_verified"));
    }

    @Test
    void an_email_change_takes_effect_unverified_and_the_code_verifies_it() {
        Pool p = immediate;
        String email = email("change-email");
        String sub = p.confirmedUser(email);
        String token = p.signIn(email, PASSWORD).accessToken();
        String newEmail = email("changed-email");

        UpdateUserAttributesResponse update = p.user.updateUserAttributes(r -> r.accessToken(token)
                .userAttributes(attribute("email", newEmail)));
        CodeDeliveryDetailsType delivery = update.codeDeliveryDetailsList().get(0);
        assertEquals("EMAIL", delivery.deliveryMediumAsString());
        assertEquals("email", delivery.attributeName());
        assertEquals(newEmail.charAt(0) + "***@e***", delivery.destination());
        assertEquals(newEmail, p.attributes(token).get("email"));
        assertEquals("false", p.attributes(token).get("email_verified"));
        assertEquals(sub, p.user.getUser(r -> r.accessToken(p.signIn(newEmail, PASSWORD).accessToken())).username());
        refused(NotAuthorizedException.class, "Incorrect username or password.", () -> p.signIn(email, PASSWORD));

        Outbox.Message sent = p.pool.messagesTo(newEmail).get(0);
        assertEquals(Outbox.Kind.VERIFY_ATTRIBUTE, sent.kind());
        String code = sent.code();
        refused(CodeMismatchException.class, "Invalid verification code provided, please try again.",
                () -> p.user.verifyUserAttribute(r -> r.accessToken(token).attributeName("email")
                        .code(code.equals("000000") ? "111111" : "000000")));
        p.user.verifyUserAttribute(r -> r.accessToken(token).attributeName("email").code(code));
        assertEquals("true", p.attributes(token).get("email_verified"));
        refused(CodeMismatchException.class, "Invalid verification code provided, please try again.",
                () -> p.user.verifyUserAttribute(r -> r.accessToken(token).attributeName("email").code(code)));
    }

    @Test
    void with_verification_before_update_the_original_email_stays_until_the_code_confirms_the_new_one() {
        Pool p = keepOriginal;
        String email = email("keep-original");
        String sub = p.confirmedUser(email);
        String token = p.signIn(email, PASSWORD).accessToken();
        String newEmail = email("pending-email");

        p.user.updateUserAttributes(r -> r.accessToken(token).userAttributes(attribute("email", newEmail)));
        assertEquals(email, p.attributes(token).get("email"));
        assertEquals("true", p.attributes(token).get("email_verified"));
        p.signIn(email, PASSWORD);
        refused(NotAuthorizedException.class, "Incorrect username or password.", () -> p.signIn(newEmail, PASSWORD));

        String first = p.pool.lastConfirmationCode(newEmail);
        GetUserAttributeVerificationCodeResponse resent = p.user.getUserAttributeVerificationCode(
                r -> r.accessToken(token).attributeName("email"));
        assertEquals(newEmail.charAt(0) + "***@e***", resent.codeDeliveryDetails().destination());
        String second = p.pool.lastConfirmationCode(newEmail);
        if (!first.equals(second)) {
            refused(CodeMismatchException.class, "Invalid verification code provided, please try again.",
                    () -> p.user.verifyUserAttribute(r -> r.accessToken(token).attributeName("email").code(first)));
        }
        p.user.verifyUserAttribute(r -> r.accessToken(token).attributeName("email").code(second));

        assertEquals(newEmail, p.attributes(token).get("email"));
        assertEquals("true", p.attributes(token).get("email_verified"));
        assertEquals(sub, p.user.getUser(r -> r.accessToken(p.signIn(newEmail, PASSWORD).accessToken())).username());
        refused(NotAuthorizedException.class, "Incorrect username or password.", () -> p.signIn(email, PASSWORD));
    }

    @Test
    void a_verification_code_expires_after_24_hours() {
        Pool p = immediate;
        String email = email("expired-code");
        p.confirmedUser(email);
        AuthenticationResultType tokens = p.signIn(email, PASSWORD);
        p.user.getUserAttributeVerificationCode(r -> r.accessToken(tokens.accessToken()).attributeName("email"));
        String code = p.pool.lastConfirmationCode(email);
        refused(InvalidParameterException.class, "Auto verification not turned on.",
                () -> p.user.getUserAttributeVerificationCode(r -> r.accessToken(tokens.accessToken())
                        .attributeName("phone_number")));
        try {
            CLOCK.offset(Duration.ofHours(24).plusMinutes(1));
            String fresh = p.user.getTokensFromRefreshToken(r -> r.clientId(UserPoolSrpTest.CLIENT_ID)
                    .refreshToken(tokens.refreshToken())).authenticationResult().accessToken();
            refused(ExpiredCodeException.class, "Invalid code provided, please request a code again.",
                    () -> p.user.verifyUserAttribute(r -> r.accessToken(fresh).attributeName("email").code(code)));
        } finally {
            CLOCK.resume();
        }
    }

    @Test
    void delete_user_removes_the_user_and_every_token_of_theirs() {
        Pool p = immediate;
        String email = email("delete");
        String sub = p.confirmedUser(email);
        AuthenticationResultType tokens = p.signIn(email, PASSWORD);
        AuthenticationResultType other = p.signIn(email, PASSWORD);

        p.user.deleteUser(r -> r.accessToken(tokens.accessToken()));

        refused(UserNotFoundException.class, "User does not exist.",
                () -> p.user.getUser(r -> r.accessToken(other.accessToken())));
        refused(NotAuthorizedException.class, "Invalid Refresh Token.", () -> p.user.getTokensFromRefreshToken(
                r -> r.clientId(UserPoolSrpTest.CLIENT_ID).refreshToken(other.refreshToken())));
        refused(NotAuthorizedException.class, "Incorrect username or password.", () -> p.signIn(email, PASSWORD));
        refused(UserNotFoundException.class, "User does not exist.", () -> p.admin.adminGetUser(
                r -> r.userPoolId(UserPoolSrpTest.POOL_ID).username(email)));
        String again = p.confirmedUser(email);
        assertNotEquals(sub, again, "the address can sign up again, as a new user");
        assertThrows(UserNotFoundException.class, () -> p.user.getUser(r -> r.accessToken(tokens.accessToken())));
    }
}
