package dev.gatehouse.emulator.cognito.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * An app client with refresh-token rotation ({@code refreshTokenRotation: {feature: ENABLED,
 * retryGracePeriodSeconds: 10}}): GetTokensFromRefreshToken answers a new refresh token each time, the replaced one
 * works for the grace period and is then refused, REFRESH_TOKEN_AUTH is refused, and the rotated tokens keep the
 * sign-in's expiry.
 */
class RefreshTokenRotationTest {
    static final String PASSWORD = "Rotate-Passw0rd!";
    static Gatehouse gatehouse;
    static CognitoClients clients;

    @BeforeAll
    static void start() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config;
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(ConfigLoader.DEFAULT_RESOURCE)) {
            config = (ObjectNode) json.readTree(in);
        }
        ((ObjectNode) config.get("userPool")).putObject("refreshTokenRotation").put("feature", "ENABLED")
                .put("retryGracePeriodSeconds", 10);
        Path file = ExternalTool.tempDir("rotation").resolve("gatehouse.json");
        Files.writeString(file, json.writeValueAsString(config));
        gatehouse = Gatehouse.builder().config(file).port(0).start();
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

    AuthenticationResultType getTokens(String refreshToken) {
        return clients.userPool.getTokensFromRefreshToken(r -> r.clientId(clients.outputs.userPoolClientId())
                .refreshToken(refreshToken)).authenticationResult();
    }

    String username(String accessToken) {
        return clients.userPool.getUser(r -> r.accessToken(accessToken)).username();
    }

    @Test
    void each_refresh_rotates_the_refresh_token_and_the_replaced_one_works_only_for_the_grace_period() {
        String email = CognitoClients.freshEmail("rotation");
        String sub = clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType signIn = clients.passwordAuth(email, PASSWORD);
        try {
            AuthenticationResultType first = getTokens(signIn.refreshToken());
            assertNotNull(first.refreshToken(), "rotation answers a new refresh token");
            assertNotEquals(signIn.refreshToken(), first.refreshToken());
            assertEquals(sub, username(first.accessToken()));

            gatehouse.clock().offset(Duration.ofSeconds(9));
            AuthenticationResultType retry = getTokens(signIn.refreshToken());
            assertNotNull(retry.refreshToken(), "a retry within the grace period is answered");
            TokenRevocationTest.refused("NotAuthorizedException", "Invalid Refresh Token.",
                    () -> getTokens(first.refreshToken()));

            gatehouse.clock().offset(Duration.ofSeconds(11));
            TokenRevocationTest.refused("RefreshTokenReuseException",
                    "Refresh token has been rotated and is no longer valid.", () -> getTokens(signIn.refreshToken()));
            AuthenticationResultType next = getTokens(retry.refreshToken());
            assertEquals(sub, username(next.accessToken()));

            gatehouse.clock().offset(Duration.ofDays(30).plusMinutes(1));
            TokenRevocationTest.refused("NotAuthorizedException", "Invalid Refresh Token.",
                    () -> getTokens(next.refreshToken()));
        } finally {
            gatehouse.clock().resume();
        }
    }

    @Test
    void refresh_token_auth_is_refused_when_rotation_is_on() {
        String email = CognitoClients.freshEmail("rotation-initiate");
        clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType signIn = clients.passwordAuth(email, PASSWORD);
        TokenRevocationTest.refused("InvalidParameterException", "Refresh token rotation is enabled for this app "
                + "client: refresh with GetTokensFromRefreshToken.", () -> clients.userPool.initiateAuth(r -> r
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).clientId(clients.outputs.userPoolClientId())
                .authParameters(Map.of("REFRESH_TOKEN", signIn.refreshToken()))));
    }

    @Test
    void revoking_the_rotated_refresh_token_ends_the_whole_sign_in() {
        String email = CognitoClients.freshEmail("rotation-revoke");
        clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType signIn = clients.passwordAuth(email, PASSWORD);
        AuthenticationResultType rotated = getTokens(signIn.refreshToken());
        clients.userPool.revokeToken(r -> r.clientId(clients.outputs.userPoolClientId())
                .token(rotated.refreshToken()));
        TokenRevocationTest.refused("NotAuthorizedException", "Access Token has been revoked",
                () -> username(signIn.accessToken()));
        TokenRevocationTest.refused("NotAuthorizedException", "Access Token has been revoked",
                () -> username(rotated.accessToken()));
        TokenRevocationTest.refused("NotAuthorizedException", "Refresh Token has been revoked",
                () -> getTokens(rotated.refreshToken()));
    }
}
