package dev.gatehouse.emulator.cognito.e2e;

import dev.gatehouse.emulator.Gatehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The developer-signed user operations with the AWS SDK v2 client against a running Gatehouse: AdminInitiateAuth and
 * AdminRespondToAuthChallenge, AdminGetUser, AdminUpdateUserAttributes, AdminDeleteUser, ListUsers filters.
 */
class AdminUserOperationsTest {
    static final String PASSWORD = "Admin-Passw0rd!";
    static Gatehouse gatehouse;
    static CognitoClients clients;
    static String poolId;
    static String clientId;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        clients = new CognitoClients(gatehouse);
        poolId = clients.outputs.userPoolId();
        clientId = clients.outputs.userPoolClientId();
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    AdminInitiateAuthResponse adminAuth(AuthFlowType flow, Map<String, String> params) {
        return clients.admin.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId).authFlow(flow)
                .authParameters(params));
    }

    String username(String accessToken) {
        return clients.userPool.getUser(r -> r.accessToken(accessToken)).username();
    }

    @Test
    void admin_initiate_auth_signs_in_with_the_password_and_refreshes() {
        String email = CognitoClients.freshEmail("admin-auth");
        String sub = clients.confirmedUser(email, PASSWORD);

        AuthenticationResultType tokens = adminAuth(AuthFlowType.ADMIN_USER_PASSWORD_AUTH,
                Map.of("USERNAME", email, "PASSWORD", PASSWORD)).authenticationResult();
        assertEquals(sub, username(tokens.accessToken()));
        assertNotNull(tokens.refreshToken());
        AuthenticationResultType legacyName = adminAuth(AuthFlowType.ADMIN_NO_SRP_AUTH,
                Map.of("USERNAME", email, "PASSWORD", PASSWORD)).authenticationResult();
        assertEquals(sub, username(legacyName.accessToken()));
        AuthenticationResultType refreshed = adminAuth(AuthFlowType.REFRESH_TOKEN_AUTH,
                Map.of("REFRESH_TOKEN", tokens.refreshToken())).authenticationResult();
        assertNull(refreshed.refreshToken());
        assertEquals(sub, username(refreshed.accessToken()));

        TokenRevocationTest.refused("NotAuthorizedException", "Incorrect username or password.",
                () -> adminAuth(AuthFlowType.ADMIN_USER_PASSWORD_AUTH, Map.of("USERNAME", email, "PASSWORD", "x")));
        TokenRevocationTest.refused("InvalidParameterException", "Initiate Auth method not supported.",
                () -> adminAuth(AuthFlowType.USER_PASSWORD_AUTH, Map.of("USERNAME", email, "PASSWORD", PASSWORD)));
        TokenRevocationTest.refused("InvalidParameterException", "Initiate Auth method not supported.",
                () -> clients.userPool.initiateAuth(r -> r.clientId(clientId).authFlow(
                        AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", email, "PASSWORD",
                        PASSWORD))));
        TokenRevocationTest.refused("MissingAuthenticationTokenException", "Missing Authentication Token",
                () -> clients.userPool.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                        .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", PASSWORD))));
    }

    @Test
    void admin_respond_to_auth_challenge_sets_the_new_password_of_a_created_user() {
        String email = CognitoClients.freshEmail("admin-new-password");
        clients.admin.adminCreateUser(r -> r.userPoolId(poolId).username(email).temporaryPassword("Temp-Passw0rd!")
                .userAttributes(AttributeType.builder().name("email").value(email).build()));
        AdminInitiateAuthResponse challenge = adminAuth(AuthFlowType.ADMIN_USER_PASSWORD_AUTH,
                Map.of("USERNAME", email, "PASSWORD", "Temp-Passw0rd!"));
        assertEquals(ChallengeNameType.NEW_PASSWORD_REQUIRED, challenge.challengeName());

        AuthenticationResultType tokens = clients.admin.adminRespondToAuthChallenge(r -> r.userPoolId(poolId)
                .clientId(clientId).challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session())
                .challengeResponses(Map.of("USERNAME", email, "NEW_PASSWORD", PASSWORD))).authenticationResult();

        assertNotNull(tokens.accessToken());
        AdminGetUserResponse user = clients.admin.adminGetUser(r -> r.userPoolId(poolId).username(email));
        assertEquals(UserStatusType.CONFIRMED, user.userStatus());
        assertEquals(user.username(), username(adminAuth(AuthFlowType.ADMIN_USER_PASSWORD_AUTH,
                Map.of("USERNAME", email, "PASSWORD", PASSWORD)).authenticationResult().accessToken()));
    }

    @Test
    void admin_get_user_shows_the_user_and_admin_update_user_attributes_may_verify_an_email() {
        String email = CognitoClients.freshEmail("admin-update");
        String sub = clients.confirmedUser(email, PASSWORD);
        Instant before = Instant.now().minusSeconds(60);

        AdminGetUserResponse user = clients.admin.adminGetUser(r -> r.userPoolId(poolId).username(email));
        assertEquals(sub, user.username());
        assertTrue(user.enabled());
        assertEquals(UserStatusType.CONFIRMED, user.userStatus());
        assertTrue(user.userCreateDate().isAfter(before), user.userCreateDate().toString());
        assertTrue(user.userAttributes().contains(AttributeType.builder().name("sub").value(sub).build()));

        String newEmail = CognitoClients.freshEmail("admin-updated");
        clients.admin.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username(sub).userAttributes(
                AttributeType.builder().name("email").value(newEmail).build(),
                AttributeType.builder().name("email_verified").value("true").build(),
                AttributeType.builder().name("name").value("Grace").build()));
        AdminGetUserResponse updated = clients.admin.adminGetUser(r -> r.userPoolId(poolId).username(newEmail));
        Map<String, String> attributes = new java.util.HashMap<>();
        updated.userAttributes().forEach(a -> attributes.put(a.name(), a.value()));
        assertEquals(newEmail, attributes.get("email"));
        assertEquals("true", attributes.get("email_verified"));
        assertEquals("Grace", attributes.get("name"));
        assertEquals(sub, username(clients.passwordAuth(newEmail, PASSWORD).accessToken()));

        TokenRevocationTest.refused("UserNotFoundException", "User does not exist.",
                () -> clients.admin.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username(email)
                        .userAttributes(AttributeType.builder().name("name").value("x").build())));
        TokenRevocationTest.refused("MissingAuthenticationTokenException", "Missing Authentication Token",
                () -> clients.userPool.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username(newEmail)
                        .userAttributes(AttributeType.builder().name("email_verified").value("false").build())));
    }

    @Test
    void admin_delete_user_deletes_the_user_and_ends_their_sign_ins() {
        String email = CognitoClients.freshEmail("admin-delete");
        clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType tokens = clients.passwordAuth(email, PASSWORD);
        String identityId = clients.getId(tokens.idToken());

        clients.admin.adminDeleteUser(r -> r.userPoolId(poolId).username(email));

        TokenRevocationTest.refused("UserNotFoundException", "User does not exist.",
                () -> clients.admin.adminGetUser(r -> r.userPoolId(poolId).username(email)));
        TokenRevocationTest.refused("UserNotFoundException", "User does not exist.",
                () -> username(tokens.accessToken()));
        TokenRevocationTest.refused("NotAuthorizedException", "Invalid Refresh Token.",
                () -> clients.userPool.getTokensFromRefreshToken(r -> r.clientId(clientId)
                        .refreshToken(tokens.refreshToken())));
        TokenRevocationTest.refused("UserNotFoundException", "User does not exist.",
                () -> clients.admin.adminDeleteUser(r -> r.userPoolId(poolId).username(email)));
        assertEquals(identityId, clients.getId(tokens.idToken()),
                "as on AWS, the identity pool keeps the identity and takes the unexpired ID token");
    }

    @Test
    void admin_reset_user_password_requires_a_reset_before_sign_in_refresh_and_access_token_use() {
        String email = CognitoClients.freshEmail("admin-reset");
        String sub = clients.confirmedUser(email, PASSWORD);
        clients.admin.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username(email)
                .userAttributes(AttributeType.builder().name("email_verified").value("true").build()));
        AuthenticationResultType before = clients.passwordAuth(email, PASSWORD);
        String unverified = CognitoClients.freshEmail("admin-reset-unverified");
        clients.confirmedUser(unverified, PASSWORD);
        TokenRevocationTest.refused("InvalidParameterException", "Cannot reset password for the user as there is "
                + "no registered/verified email or phone_number", () -> clients.admin.adminResetUserPassword(
                r -> r.userPoolId(poolId).username(unverified)));
        TokenRevocationTest.refused("UserNotFoundException", "User does not exist.", () -> clients.admin
                .adminResetUserPassword(r -> r.userPoolId(poolId).username("nobody-" + email)));

        clients.admin.adminResetUserPassword(r -> r.userPoolId(poolId).username(email));
        assertEquals("ADMIN_RESET", gatehouse.messages(email).get(0).kind().name(), "a code went to the user");

        assertEquals(UserStatusType.RESET_REQUIRED,
                clients.admin.adminGetUser(r -> r.userPoolId(poolId).username(email)).userStatus());
        String required = "Password reset required for the user";
        TokenRevocationTest.refused("PasswordResetRequiredException", required,
                () -> clients.passwordAuth(email, PASSWORD));
        TokenRevocationTest.refused("NotAuthorizedException", "Incorrect username or password.",
                () -> clients.passwordAuth(email, "Wrong-Passw0rd!"));
        TokenRevocationTest.refused("PasswordResetRequiredException", required,
                () -> username(before.accessToken()));
        TokenRevocationTest.refused("PasswordResetRequiredException", required,
                () -> clients.userPool.getTokensFromRefreshToken(r -> r.clientId(clientId)
                        .refreshToken(before.refreshToken())));

        clients.admin.adminSetUserPassword(r -> r.userPoolId(poolId).username(email).password("Reset-Passw0rd!")
                .permanent(true));
        assertEquals(sub, username(clients.passwordAuth(email, "Reset-Passw0rd!").accessToken()));
    }

    @Test
    void list_users_filters_as_aws_does() {
        String prefix = "e2e-list-" + Long.toHexString(System.nanoTime());
        String a = prefix + "-a@example.com";
        String b = prefix + "-b@example.com";
        String c = prefix + "-c@example.com";
        String subA = clients.confirmedUser(a, PASSWORD);
        clients.confirmedUser(b, PASSWORD);
        clients.signUp(c, PASSWORD);
        clients.admin.adminDisableUser(r -> r.userPoolId(poolId).username(b));
        clients.admin.adminUpdateUserAttributes(r -> r.userPoolId(poolId).username(a)
                .userAttributes(AttributeType.builder().name("given_name").value("Ada").build()));

        assertEquals(List.of(a), emails(list("username = \"" + subA + "\"")));
        assertEquals(List.of(), emails(list("username = \"" + subA.toUpperCase() + "\"")),
                "username is case-sensitive");
        assertEquals(List.of(a), emails(list("sub = \"" + subA + "\"")));
        assertEquals(List.of(a), emails(list("email = \"" + a.toUpperCase() + "\"")));
        assertEquals(List.of(a), emails(list("given_name ^= \"Ad\"")));
        assertTrue(emails(list("cognito:user_status = \"unconfirmed\"")).contains(c),
                "cognito:user_status is case-insensitive");
        assertTrue(emails(list("status = \"Disabled\"")).contains(b));
        assertFalse(emails(list("status = \"disabled\"")).contains(b), "status is case-sensitive");
        TokenRevocationTest.refused("InvalidParameterException", "Error while parsing filter.",
                () -> list("custom:team = \"x\""));

        ListUsersResponse first = clients.admin.listUsers(r -> r.userPoolId(poolId).limit(2)
                .filter("email ^= \"" + prefix + "\"").attributesToGet("email"));
        assertEquals(2, first.users().size());
        assertNotNull(first.paginationToken());
        for (UserType u : first.users()) {
            assertEquals(Set.of("email"), new HashSet<>(u.attributes().stream().map(AttributeType::name).toList()));
        }
        ListUsersResponse second = clients.admin.listUsers(r -> r.userPoolId(poolId).limit(2)
                .filter("email ^= \"" + prefix + "\"").paginationToken(first.paginationToken()));
        assertEquals(List.of(c), emails(second));
        assertNull(second.paginationToken());
    }

    ListUsersResponse list(String filter) {
        return clients.admin.listUsers(x -> x.userPoolId(poolId).filter(filter));
    }

    static List<String> emails(ListUsersResponse r) {
        return r.users().stream().map(u -> u.attributes().stream().filter(a -> a.name().equals("email"))
                .findFirst().map(AttributeType::value).orElse("?")).sorted().toList();
    }
}
