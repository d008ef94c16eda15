package dev.gatehouse.contracts;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.cognito.userpool.Outbox;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A test reads the codes the user pool sent, from the Gatehouse in process and from one running at a URL. */
@GatehouseTest
class MessagesTest {

    private static String signUp(Target target, String email) {
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .region(Region.of(target.outputs().region()))
                .endpointOverride(target.gatehouse().orElseThrow().baseUri())
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            cognito.signUp(r -> r.clientId(target.outputs().userPoolClientId()).username(email)
                    .password("Messages-Passw0rd!"));
            return email;
        }
    }

    @Test
    @GatehouseOnly("reads Gatehouse's outbox")
    void the_in_process_target_reads_the_latest_code_and_it_confirms_the_sign_up(Target target, Gatehouse gatehouse) {
        String email = signUp(target, "messages-" + UUID.randomUUID() + "@example.com");
        String code = target.latestCode(email);
        assertTrue(code.matches("\\d{6}"), code);
        assertEquals(code, target.latestCode(email, Outbox.Kind.SIGN_UP));
        assertEquals(gatehouse.messages(email), target.messages(email));
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> target.latestCode(email, Outbox.Kind.FORGOT_PASSWORD));
        assertTrue(none.getMessage().contains("no FORGOT_PASSWORD message was sent to " + email), none.getMessage());
    }

    @Test
    @GatehouseOnly("reads Gatehouse's outbox over HTTP")
    void a_url_target_reads_the_same_messages_over_http(Target target, Gatehouse gatehouse) {
        String email = signUp(target, "messages-url-" + UUID.randomUUID() + "@example.com");
        try (Target running = Target.runningAt(gatehouse.baseUri(), gatehouse.outputs(), gatehouse.config())) {
            assertEquals(gatehouse.messages(email), running.messages(email));
            assertEquals(gatehouse.messages(email).get(0).code(), running.latestCode(email));
        }
    }
}
