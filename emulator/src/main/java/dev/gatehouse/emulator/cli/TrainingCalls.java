package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;

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
            HttpURLConnection c = (HttpURLConnection) baseUri.resolve("/").toURL().openConnection(Proxy.NO_PROXY);
            try {
                c.setConnectTimeout(5_000);
                c.setReadTimeout(30_000);
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/x-amz-json-1.1");
                c.setRequestProperty("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
                }
                int status = c.getResponseCode();
                InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
                if (in != null) {
                    try (in) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                }
                return status;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }
}
