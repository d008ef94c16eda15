package dev.gatehouse.emulator.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/** The configuration's test users, signed in the real way: user pool SRP, then GetId + GetCredentialsForIdentity. */
final class TestUsers {
    static final String ADMIN = "admin@example.com";
    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";
    static final String CAROL = "carol@example.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestUsers() {
    }

    static SignIn.IdentityCredentials signIn(Gatehouse gatehouse, String email) {
        try (SignIn signIn = new SignIn(gatehouse.outputs(), gatehouse.baseUri(), Clock.systemUTC())) {
            return signIn.credentials(signIn.srp(email, user(gatehouse, email).password()).idToken());
        }
    }

    /**
     * A test user's USER_PASSWORD_AUTH InitiateAuth as raw HTTP to the configuration's app client: a sign-in that needs
     * neither {@link Gatehouse#outputs()} nor the SDK (which would wait for the parts started after the ready line).
     */
    static HttpResponse<String> passwordInitiateAuth(HttpClient http, Gatehouse gatehouse, String email)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode()
                .put("AuthFlow", "USER_PASSWORD_AUTH")
                .put("ClientId", gatehouse.config().userPool().clientId());
        body.putObject("AuthParameters").put("USERNAME", email).put("PASSWORD", user(gatehouse, email).password());
        return http.send(HttpRequest.newBuilder(gatehouse.baseUri())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static GatehouseConfig.User user(Gatehouse gatehouse, String email) {
        return gatehouse.config().users().stream().filter(u -> u.email().equals(email)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(email + " is not a test user"));
    }
}
