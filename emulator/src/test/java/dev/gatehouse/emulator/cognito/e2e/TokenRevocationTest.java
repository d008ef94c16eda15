package dev.gatehouse.emulator.cognito.e2e;

import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.emulator.Gatehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Refresh, revocation and the access-token check, with the AWS SDK v2 client against a running Gatehouse (default
 * configuration: refresh-token rotation off): GetTokensFromRefreshToken, InitiateAuth REFRESH_TOKEN_AUTH, RevokeToken,
 * GlobalSignOut, AdminUserGlobalSignOut; access tokens expired, revoked, of the wrong kind or altered.
 */
class TokenRevocationTest {
    static final String PASSWORD = "Revoke-Passw0rd!";
    static Gatehouse gatehouse;
    static CognitoClients clients;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        clients = new CognitoClients(gatehouse);
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

    @AfterEach
    void resetClock() {
        gatehouse.clock().resume();
    }

    static void refused(String type, String message, Runnable call) {
        AwsServiceException e = CognitoClients.refused(call);
        assertEquals(type, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
    }

    AuthenticationResultType getTokens(String refreshToken) {
        return clients.userPool.getTokensFromRefreshToken(r -> r.clientId(clients.outputs.userPoolClientId())
                .refreshToken(refreshToken)).authenticationResult();
    }

    AuthenticationResultType refreshTokenAuth(String refreshToken) {
        return clients.userPool.initiateAuth(r -> r.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .clientId(clients.outputs.userPoolClientId()).authParameters(Map.of("REFRESH_TOKEN", refreshToken)))
                .authenticationResult();
    }

    String username(String accessToken) {
        return clients.userPool.getUser(r -> r.accessToken(accessToken)).username();
    }

    void revoke(String token) {
        clients.userPool.revokeToken(r -> r.clientId(clients.outputs.userPoolClientId()).token(token));
    }

    static String claim(String jwt, String name) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim(name);
    }

    @Test
    void get_tokens_from_refresh_token_issues_new_id_and_access_tokens_of_the_same_sign_in() throws Exception {
        String email = CognitoClients.freshEmail("get-tokens");
        String sub = clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType signIn = clients.passwordAuth(email, PASSWORD);

        AuthenticationResultType refreshed = getTokens(signIn.refreshToken());
        assertNull(refreshed.refreshToken(), "no new refresh token without rotation");
        assertEquals("Bearer", refreshed.tokenType());
        assertEquals(3600, refreshed.expiresIn());
        assertNotEquals(signIn.accessToken(), refreshed.accessToken());
        assertEquals(sub, SignedJWT.parse(refreshed.idToken()).getJWTClaimsSet().getSubject());
        assertEquals("id", claim(refreshed.idToken(), "token_use"));
        assertEquals(claim(signIn.accessToken(), "origin_jti"), claim(refreshed.accessToken(), "origin_jti"));
        assertNotEquals(claim(signIn.accessToken(), "jti"), claim(refreshed.accessToken(), "jti"));
        assertEquals(sub, username(refreshed.accessToken()));

        AuthenticationResultType byInitiateAuth = refreshTokenAuth(signIn.refreshToken());
        assertNull(byInitiateAuth.refreshToken());
        assertEquals(sub, username(byInitiateAuth.accessToken()));
        String identityId = clients.getId(refreshed.idToken());
        assertEquals(identityId, gatehouse.identityIdOf(email), "the refreshed ID token signs in to the identity pool");
    }

    @Test
    void revoke_token_ends_that_sign_in_and_every_token_issued_from_it_only() {
        String email = CognitoClients.freshEmail("revoke");
        clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType phone = clients.passwordAuth(email, PASSWORD);
        AuthenticationResultType laptop = clients.passwordAuth(email, PASSWORD);
        AuthenticationResultType phoneRefreshed = getTokens(phone.refreshToken());

        revoke(phone.refreshToken());

        refused("NotAuthorizedException", "Access Token has been revoked", () -> username(phone.accessToken()));
        refused("NotAuthorizedException", "Access Token has been revoked",
                () -> username(phoneRefreshed.accessToken()));
        refused("NotAuthorizedException", "Refresh Token has been revoked", () -> getTokens(phone.refreshToken()));
        refused("NotAuthorizedException", "Refresh Token has been revoked",
                () -> refreshTokenAuth(phone.refreshToken()));
        revoke(phone.refreshToken());
        username(laptop.accessToken());
        username(getTokens(laptop.refreshToken()).accessToken());
    }

    @Test
    void revoke_token_takes_only_a_refresh_token_of_the_app_client() {
        String email = CognitoClients.freshEmail("revoke-kind");
        clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType signIn = clients.passwordAuth(email, PASSWORD);
        refused("UnsupportedTokenTypeException", "Unsupported token type", () -> revoke(signIn.accessToken()));
        refused("UnsupportedTokenTypeException", "Unsupported token type", () -> revoke(signIn.idToken()));
        refused("ResourceNotFoundException", "User pool client wrongclient does not exist.",
                () -> clients.userPool.revokeToken(r -> r.clientId("wrongclient").token(signIn.refreshToken())));
        revoke("bm90LWEtcmVmcmVzaC10b2tlbg");
        username(signIn.accessToken());
        username(getTokens(signIn.refreshToken()).accessToken());
    }

    @Test
    void global_sign_out_ends_every_sign_in_of_that_user_and_no_other() {
        String email = CognitoClients.freshEmail("global");
        String other = CognitoClients.freshEmail("global-other");
        clients.confirmedUser(email, PASSWORD);
        clients.confirmedUser(other, PASSWORD);
        AuthenticationResultType first = clients.passwordAuth(email, PASSWORD);
        AuthenticationResultType second = clients.passwordAuth(email, PASSWORD);
        AuthenticationResultType others = clients.passwordAuth(other, PASSWORD);

        clients.userPool.globalSignOut(r -> r.accessToken(first.accessToken()));

        for (AuthenticationResultType t : new AuthenticationResultType[] {first, second}) {
            refused("NotAuthorizedException", "Access Token has been revoked", () -> username(t.accessToken()));
            refused("NotAuthorizedException", "Refresh Token has been revoked", () -> getTokens(t.refreshToken()));
        }
        refused("NotAuthorizedException", "Access Token has been revoked",
                () -> clients.userPool.globalSignOut(r -> r.accessToken(second.accessToken())));
        username(others.accessToken());
        username(clients.passwordAuth(email, PASSWORD).accessToken());
    }

    @Test
    void admin_user_global_sign_out_needs_the_developers_signature_and_ends_every_sign_in() {
        String email = CognitoClients.freshEmail("admin-global");
        String sub = clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType signIn = clients.passwordAuth(email, PASSWORD);
        String poolId = clients.outputs.userPoolId();

        refused("MissingAuthenticationTokenException", "Missing Authentication Token",
                () -> clients.userPool.adminUserGlobalSignOut(r -> r.userPoolId(poolId).username(email)));
        assertEquals(sub, username(signIn.accessToken()));
        refused("UserNotFoundException", "User does not exist.", () -> clients.admin.adminUserGlobalSignOut(
                r -> r.userPoolId(poolId).username("nobody-" + email)));

        clients.admin.adminUserGlobalSignOut(r -> r.userPoolId(poolId).username(email));

        refused("NotAuthorizedException", "Access Token has been revoked", () -> username(signIn.accessToken()));
        refused("NotAuthorizedException", "Refresh Token has been revoked", () -> getTokens(signIn.refreshToken()));
    }

    @Test
    void an_access_token_is_refused_once_expired_on_the_pools_clock() {
        String email = CognitoClients.freshEmail("expired");
        clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType signIn = clients.passwordAuth(email, PASSWORD);
        gatehouse.clock().offset(Duration.ofMinutes(61));
        refused("NotAuthorizedException", "Access Token has expired", () -> username(signIn.accessToken()));
        AuthenticationResultType refreshed = getTokens(signIn.refreshToken());
        username(refreshed.accessToken());
        gatehouse.clock().offset(Duration.ofDays(30).plusMinutes(1));
        refused("NotAuthorizedException", "Invalid Refresh Token.", () -> getTokens(signIn.refreshToken()));
    }

    @Test
    void an_id_token_or_an_altered_access_token_is_not_an_access_token() {
        String email = CognitoClients.freshEmail("wrong-kind");
        clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType signIn = clients.passwordAuth(email, PASSWORD);
        refused("NotAuthorizedException", "Invalid Access Token", () -> username(signIn.idToken()));
        String[] parts = signIn.accessToken().split("\\.");
        String otherPayload = clients.passwordAuth(email, PASSWORD).accessToken().split("\\.")[1];
        refused("NotAuthorizedException", "Invalid Access Token",
                () -> username(parts[0] + "." + otherPayload + "." + parts[2]));
        refused("NotAuthorizedException", "Invalid Access Token", () -> username("not.a.token"));
        refused("NotAuthorizedException", "Invalid Refresh Token.", () -> getTokens(signIn.accessToken()));
    }
}
