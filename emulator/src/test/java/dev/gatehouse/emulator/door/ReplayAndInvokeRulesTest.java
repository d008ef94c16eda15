package dev.gatehouse.emulator.door;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.record.CallRecord;
import dev.gatehouse.emulator.scenarios.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay and invoke are debugging tools, not doors: a refused forgery is never re-signed into a real call, a replay
 * does not revive a disabled user or expired credentials, and invoke (the one place an identity comes from the caller)
 * needs the admin token.
 */
class ReplayAndInvokeRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Gatehouse gatehouse;
    static String base;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        base = gatehouse.baseUri().toString();
    }

    @AfterAll
    static void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void a_refused_forgery_is_not_re_signed_as_the_key_it_names() throws Exception {
        SignIn.IdentityCredentials bob = Wire.credentials(gatehouse, "bob@example.com", "Passw0rd!bob");
        String noteId = JSON.readTree(Wire.sdk(bob, new Wire.Signing(), "POST", base + "/notes",
                "{\"content\":\"bob's own\"}").body()).path("noteId").asText();
        // The attacker knows bob's access key id (the record lists them) but not his secret: the forgery is refused...
        SignIn.IdentityCredentials forged = new SignIn.IdentityCredentials(bob.identityId(), bob.accessKeyId(),
                "not/bob/secret/key/0000000000000000000000", bob.sessionToken(), bob.expiration());
        Wire.Response forgery = Wire.sdk(forged, new Wire.Signing(), "PUT", base + "/notes/" + noteId,
                "{\"content\":\"overwritten\"}");
        assertEquals(403, forgery.status());
        // ...and replaying it re-signed would have made it bob's.
        Wire.Response replay = replay(forgery.requestId(), "resign");
        assertEquals(409, replay.status(), replay.body());
        assertTrue(replay.body().contains("SIGNATURE_MISMATCH") && replay.body().contains("never verified"),
                replay.body());
        assertEquals("bob's own", contentOf(bob, noteId));
        Wire.Response asSent = replay(forgery.requestId(), "original");
        assertEquals(200, asSent.status(), asSent.body());
        assertEquals(403, JSON.readTree(asSent.body()).path("status").asInt(), "replayed as sent, refused again");
        assertEquals("bob's own", contentOf(bob, noteId));
    }

    @Test
    void a_verified_call_is_replayed_both_ways() throws Exception {
        SignIn.IdentityCredentials carol = Wire.credentials(gatehouse, "carol@example.com", "Passw0rd!carol");
        Wire.Response call = Wire.sdk(carol, new Wire.Signing(), "GET", base + "/notes", null);
        assertEquals(200, call.status());
        for (String mode : List.of("original", "resign")) {
            Wire.Response replay = replay(call.requestId(), mode);
            assertEquals(200, replay.status(), replay.body());
            assertEquals(200, JSON.readTree(replay.body()).path("status").asInt(), mode + ": " + replay.body());
        }
    }

    @Test
    void a_replay_after_the_user_is_disabled_is_refused_and_says_why() throws Exception {
        SignIn.IdentityCredentials alice = Wire.credentials(gatehouse, "alice@example.com", "Passw0rd!alice");
        Wire.Response call = Wire.sdk(alice, new Wire.Signing(), "GET", base + "/notes", null);
        assertEquals(200, call.status());
        assertEquals(200, Wire.admin(gatehouse, "POST", "users/alice%40example.com/disable", "{}").status());
        try {
            for (String mode : List.of("original", "resign")) {
                Wire.Response replay = replay(call.requestId(), mode);
                assertEquals(409, replay.status(), mode + ": " + replay.body());
                assertTrue(replay.body().contains("alice@example.com is disabled now"), replay.body());
            }
        } finally {
            assertEquals(200, Wire.admin(gatehouse, "POST", "users/alice%40example.com/enable", "{}").status());
        }
        assertEquals(200, replay(call.requestId(), "original").status(),
                "enabled again, the replay works");
    }

    @Test
    void a_replay_after_the_credentials_expired_is_refused_and_says_why() throws Exception {
        SignIn.IdentityCredentials admin = Wire.credentials(gatehouse, "admin@example.com", "Passw0rd!");
        Wire.Response call = Wire.sdk(admin, new Wire.Signing(), "GET", base + "/notes", null);
        assertEquals(200, call.status());
        assertEquals(200, Wire.admin(gatehouse, "POST", "users/admin%40example.com/expire-credentials", "{}")
                .status());
        for (String mode : List.of("original", "resign")) {
            Wire.Response replay = replay(call.requestId(), mode);
            assertEquals(409, replay.status(), mode + ": " + replay.body());
            assertTrue(replay.body().contains(admin.accessKeyId() + " it was signed with expired at"), replay.body());
        }
    }

    @Test
    void invoke_without_the_token_runs_no_handler() throws Exception {
        String identityId = gatehouse.identityIdOf("alice@example.com");
        String event = "{\"routeKey\":\"POST /notes\",\"event\":{\"version\":\"2.0\",\"routeKey\":\"POST /notes\","
                + "\"rawPath\":\"/notes\",\"body\":\"{\\\"content\\\":\\\"planted\\\"}\",\"isBase64Encoded\":false,"
                + "\"requestContext\":{\"http\":{\"method\":\"POST\",\"path\":\"/notes\"},\"authorizer\":{\"iam\":"
                + "{\"cognitoIdentity\":{\"identityId\":\"" + identityId + "\"}}}}}}";
        SignIn.IdentityCredentials alice = Wire.credentials(gatehouse, "alice@example.com", "Passw0rd!alice");
        int before = notes(alice).size();
        String host = "127.0.0.1:" + gatehouse.port();
        for (List<String> headers : List.of(List.of("Content-Type: application/json"),
                List.of("Content-Type: application/json", AdminToken.HEADER + ": guessed"),
                List.of("Content-Type: text/plain", "Origin: http://evil.example"))) {
            Http.Response r = Http.send(gatehouse.port(), "POST /_gatehouse/invoke", host, headers, event);
            assertTrue(r.status() == 401 || r.status() == 403, headers + ": " + r.status() + " " + r.body());
        }
        assertEquals(before, notes(alice).size(), "no note was planted in alice's list");
        Wire.Response withToken = Wire.admin(gatehouse, "POST", "invoke", event);
        assertEquals(200, withToken.status(), withToken.body());
        assertEquals(before + 1, notes(alice).size(), "with the token, invoke is the debugging tool it was");
    }

    @Test
    void a_cognito_call_is_not_replayed_and_the_answer_says_so() {
        Wire.credentials(gatehouse, "carol@example.com", "Passw0rd!carol");
        List<CallRecord> signIn = gatehouse.calls(r -> "InitiateAuth".equals(r.operation()));
        assertTrue(!signIn.isEmpty(), "the sign-in's InitiateAuth is recorded");
        for (String mode : List.of("original", "resign")) {
            Wire.Response replay = replay(signIn.get(signIn.size() - 1).requestId(), mode);
            assertEquals(400, replay.status(), mode + ": " + replay.body());
            assertTrue(replay.body().contains("is a Cognito user pool call (InitiateAuth)")
                    && replay.body().contains("replay sends API calls only"), replay.body());
            assertFalse(replay.body().contains("is kept for replay"), replay.body());
        }
        Wire.Response unknown = replay("no-such-call", "original");
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("no API call no-such-call is kept for replay"), unknown.body());
    }

    private static Wire.Response replay(String requestId, String mode) {
        return Wire.admin(gatehouse, "POST", "replay/" + URLEncoder.encode(requestId, StandardCharsets.UTF_8)
                + "?mode=" + mode, null);
    }

    private static String contentOf(SignIn.IdentityCredentials c, String noteId) throws Exception {
        return JSON.readTree(Wire.sdk(c, new Wire.Signing(), "GET", base + "/notes/" + noteId, null).body())
                .path("content").asText();
    }

    private static List<JsonNode> notes(SignIn.IdentityCredentials c) throws Exception {
        JsonNode list = JSON.readTree(Wire.sdk(c, new Wire.Signing(), "GET", base + "/notes", null).body());
        List<JsonNode> out = new java.util.ArrayList<>();
        list.forEach(out::add);
        return out;
    }
}
