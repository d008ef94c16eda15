package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.PlainHttp;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The calls the launcher's class-data training start ({@code start --stop-when-ready}) makes after its ready line: one
 * password sign-in (InitiateAuth, USER_PASSWORD_AUTH) of the first test user, over real HTTP as a client would, so
 * that the classes a first sign-in loads (the AWS JSON endpoint, the user pool's sign-in, the token signer) are in the
 * archive too, not read from the jar at a start's first sign-in. Its answer also starts DynamoDB, the tables and the
 * functions, which the training start then waits for. Best effort: a configuration without test users, or whose app
 * client refuses the flow, trains without it.
 */
final class TrainingCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingCalls() {
    }

    /** The HTTP status of the sign-in, or -1 when none was made (no test users) or it could not be sent. */
    static int firstSignIn(URI baseUri, GatehouseConfig cfg) {
        if (cfg.users().isEmpty()) {
            return -1;
        }
        GatehouseConfig.User user = cfg.users().get(0);
        ObjectNode body = JSON.createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH")
                .put("ClientId", cfg.userPool().clientId());
        body.putObject("AuthParameters").put("USERNAME", user.email()).put("PASSWORD", user.password());
        try {
            return PlainHttp.exchange("POST", baseUri.resolve("/"), Map.of(
                    "Content-Type", "application/x-amz-json-1.1",
                    "X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth"),
                    JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return -1;
        }
    }
}
