package dev.gatehouse.emulator.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.scenarios.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call record through the real server: who, what, why; secrets never in it; replay; the controls. */
class CallRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    private static Gatehouse gatehouse;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).dataDir(dataDir).start();
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    private static String api(String path) {
        return gatehouse.outputs().apiEndpoint() + path;
    }

    private static JsonNode admin(String method, String path, String body) throws Exception {
        Wire.Response r = Wire.admin(gatehouse, method, path, body);
        assertEquals(200, r.status(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void an_api_call_is_recorded_with_its_user_verdict_event_and_response() throws Exception {
        SignIn.IdentityCredentials carol = Wire.credentials(gatehouse, "carol@example.com", "Passw0rd!carol");
        Wire.Response r = Wire.sdk(carol, new Wire.Signing(), "POST", api("/notes"), "{\"content\":\"recorded\"}");
        assertEquals(200, r.status());
        JsonNode rec = admin("GET", "requests/" + encode(r.requestId()), null);
        assertEquals("carol@example.com", rec.path("user").asText());
        assertEquals(carol.identityId(), rec.path("identityId").asText());
        assertEquals("accepted", rec.path("verdict").asText());
        assertEquals("POST /notes", rec.path("operation").asText());
        assertTrue(rec.path("invoked").asBoolean());
        assertEquals(carol.identityId(), rec.path("event").path("requestContext").path("authorizer").path("iam")
                .path("cognitoIdentity").path("identityId").asText());
        assertEquals("recorded", rec.path("response").path("body").path("content").asText());
        JsonNode byUser = admin("GET", "requests?user=carol%40example.com&route=POST%20%2Fnotes&status=200", null);
        assertTrue(byUser.size() >= 1);
        byUser.forEach(x -> assertEquals("carol@example.com", x.path("user").asText()));
    }

    @Test
    void every_step_of_a_sign_in_is_listed_under_the_users_email() throws Exception {
        long after = gatehouse.callLog().nextSequence();
        Wire.credentials(gatehouse, "carol@example.com", "Passw0rd!carol");
        java.util.Set<String> operations = new java.util.HashSet<>();
        admin("GET", "requests?user=carol%40example.com", null).forEach(x -> {
            if (x.path("sequence").asLong() >= after) {
                operations.add(x.path("operation").asText());
            }
        });
        assertEquals(java.util.Set.of("InitiateAuth", "RespondToAuthChallenge", "GetId", "GetCredentialsForIdentity"),
                operations);
    }

    @Test
    void a_refused_call_names_the_user_who_tried() throws Exception {
        SignIn.IdentityCredentials carol = Wire.credentials(gatehouse, "carol@example.com", "Passw0rd!carol");
        Wire.Response r = Wire.sdk(carol, new Wire.Signing().region("eu-central-1"), "GET", api("/notes"), null);
        assertEquals(403, r.status());
        JsonNode rec = admin("GET", "requests/" + encode(r.requestId()), null);
        assertEquals("carol@example.com", rec.path("user").asText());
        assertEquals("WRONG_REGION", rec.path("reason").asText());
        assertEquals(carol.accessKeyId(), rec.path("accessKeyId").asText());
        assertEquals("eu-central-1", rec.path("diagnostics").path("declared").path("credentialScope").asText()
                .split("/")[1]);
    }

    @Test
    void secrets_never_appear_in_the_record_the_jsonl_or_the_log() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> secrets = new ArrayList<>();
        String lastId;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            String password = "Passw0rd!alice";
            secrets.add(password);
            SignIn.IdentityCredentials alice;
            try (SignIn signIn = new SignIn(gatehouse.outputs(), gatehouse.baseUri(), Clock.systemUTC())) {
                SignIn.Tokens byPassword = signIn.password("alice@example.com", password);
                SignIn.Tokens bySrp = signIn.srp("alice@example.com", password);
                secrets.addAll(List.of(byPassword.idToken(), byPassword.accessToken(), byPassword.refreshToken(),
                        bySrp.idToken(), bySrp.accessToken(), bySrp.refreshToken()));
                alice = signIn.credentials(bySrp.idToken());
            }
            secrets.add(alice.secretAccessKey());
            secrets.add(alice.sessionToken());
            List<Wire.Response> calls = new ArrayList<>();
            calls.add(Wire.sdk(alice, new Wire.Signing(), "POST", api("/notes"), "{\"content\":\"secret-free\"}"));
            calls.add(Wire.sdk(alice, new Wire.Signing().tokenAddedAfterSigning(), "GET", api("/notes"), null));
            calls.add(Wire.unsortedQuery(alice, gatehouse.outputs().apiEndpoint(), "/notes",
                    List.of(new String[] {"b", "1"}, new String[] {"a", "2"})));
            calls.add(Wire.sdk(alice, new Wire.Signing().region("us-west-1"), "GET", api("/notes"), null));
            for (Wire.Response c : calls) {
                Matcher m = Pattern.compile("Signature=([0-9a-f]{64})").matcher(c.sent().get("Authorization"));
                assertTrue(m.find());
                secrets.add(m.group(1));
            }
            assertEquals(200, calls.get(0).status());
            assertEquals(200, calls.get(1).status());
            assertEquals(403, calls.get(2).status());
            var developer = gatehouse.developerCredentials();
            secrets.add(developer.secretAccessKey());
            try (CognitoIdentityProviderClient idp = CognitoIdentityProviderClient.builder()
                    .region(Region.of(gatehouse.outputs().region())).endpointOverride(gatehouse.baseUri())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            developer.accessKeyId(), developer.secretAccessKey()))).build()) {
                idp.adminGetUser(b -> b.userPoolId(gatehouse.outputs().userPoolId()).username("alice@example.com"));
            }
            lastId = calls.get(3).requestId();
        } finally {
            System.setErr(err);
        }
        String served = Wire.admin(gatehouse, "GET", "requests", null).body();
        assertTrue(served.contains(lastId), "the record holds the calls");
        assertTrue(served.contains("AdminGetUser") && served.contains("InitiateAuth")
                && served.contains("GetCredentialsForIdentity"), "the record holds the Cognito calls");
        Path jsonl = dataDir.resolve("calls.jsonl");
        String written = pollUntilContains(jsonl, lastId);
        for (String secret : secrets) {
            assertNotNull(secret);
            int at = served.indexOf(secret);
            assertFalse(at >= 0, "GET /_gatehouse/requests leaks secret #" + secrets.indexOf(secret) + " "
                    + abbreviate(secret) + " in ..." + (at < 0 ? "" : served.substring(Math.max(0, at - 300), at)));
            assertFalse(written.contains(secret), "calls.jsonl leaks " + abbreviate(secret));
            assertFalse(log.toString(StandardCharsets.UTF_8).contains(secret), "the log leaks " + abbreviate(secret));
        }
        assertTrue(written.contains("****"), "masked values are marked");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("expected canonical request"),
                "the log was captured, diagnostics included");
    }

    private static String pollUntilContains(Path file, String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            String content = Files.exists(file) ? Files.readString(file) : "";
            if (content.contains(text) || Instant.now().isAfter(deadline)) {
                assertTrue(content.contains(text), file + " never got " + text);
                return content;
            }
            Thread.onSpinWait();
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String secret) {
        return secret.substring(0, Math.min(6, secret.length())) + "...";
    }

    @Test
    void replay_of_the_original_runs_at_its_original_time_while_the_clock_is_shifted() throws Exception {
        SignIn.IdentityCredentials carol = Wire.credentials(gatehouse, "carol@example.com", "Passw0rd!carol");
        Wire.Response r = Wire.sdk(carol, new Wire.Signing(), "GET", api("/notes"), null);
        assertEquals(200, r.status());
        try {
            // Credentials aged half an hour (still valid: expired ones are not replayed) and clients' clocks simulated
            // half an hour behind: a call signed now is outside the 5-minute signature window.
            admin("POST", "clock", "{\"offsetSeconds\":1800}");
            admin("POST", "client-skew", "{\"seconds\":1800}");
            assertEquals(403, Wire.sdk(carol, new Wire.Signing(), "GET", api("/notes"), null).status(),
                    "a fresh call is half an hour off");
            JsonNode original = admin("POST", "replay/" + encode(r.requestId()) + "?mode=original", null);
            assertEquals(200, original.path("status").asInt(), original.toString());
            assertEquals(r.requestId(), original.path("replayOf").asText());
            JsonNode resigned = admin("POST", "replay/" + encode(r.requestId()) + "?mode=resign", null);
            assertEquals(200, resigned.path("status").asInt(), resigned.toString());
            JsonNode rec = admin("GET", "requests/" + encode(resigned.path("requestId").asText()), null);
            assertEquals("carol@example.com", rec.path("user").asText());
            assertFalse(carol.accessKeyId().equals(rec.path("accessKeyId").asText()), "fresh credentials");
        } finally {
            admin("POST", "clock", "{\"reset\":true}");
            admin("POST", "client-skew", "{\"seconds\":0}");
        }
        assertEquals(0, admin("GET", "clock", null).path("offsetSeconds").asLong());
    }

    @Test
    void replay_of_an_unknown_call_is_not_found() {
        assertEquals(404, Wire.admin(gatehouse, "POST", "replay/nope", null).status());
    }

    @Test
    void expired_credentials_control_refuses_the_next_call() throws Exception {
        SignIn.IdentityCredentials bob = Wire.credentials(gatehouse, "bob@example.com", "Passw0rd!bob");
        assertEquals(200, Wire.sdk(bob, new Wire.Signing(), "GET", api("/notes"), null).status());
        JsonNode out = admin("POST", "users/bob%40example.com/expire-credentials", null);
        assertTrue(out.path("expired").asInt() >= 1);
        Wire.Response r = Wire.sdk(bob, new Wire.Signing(), "GET", api("/notes"), null);
        assertEquals(403, r.status());
        assertEquals("ExpiredTokenException", r.header("x-amzn-ErrorType"));
        assertTrue(r.header("X-Gatehouse-Reason").startsWith("EXPIRED_CREDENTIALS"));
        SignIn.IdentityCredentials again = Wire.credentials(gatehouse, "bob@example.com", "Passw0rd!bob");
        assertEquals(200, Wire.sdk(again, new Wire.Signing(), "GET", api("/notes"), null).status());
    }

    @Test
    void rotated_keys_refuse_old_id_tokens_at_the_identity_pool() throws Exception {
        String idToken;
        try (SignIn signIn = new SignIn(gatehouse.outputs(), gatehouse.baseUri(), Clock.systemUTC())) {
            idToken = signIn.srp("admin@example.com", "Passw0rd!").idToken();
            admin("POST", "keys/rotate", null);
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> signIn.credentials(idToken));
            assertTrue(refused.getMessage().contains("Invalid login token"), refused.getMessage());
            String fresh = signIn.srp("admin@example.com", "Passw0rd!").idToken();
            assertEquals(gatehouse.identityIdOf("admin@example.com"), signIn.credentials(fresh).identityId());
        }
    }

    @Test
    void a_disabled_user_cannot_sign_in() throws Exception {
        SignIn.IdentityCredentials ignored = Wire.credentials(gatehouse, "bob@example.com", "Passw0rd!bob");
        try {
            admin("POST", "users/bob%40example.com/disable", null);
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> Wire.credentials(gatehouse, "bob@example.com", "Passw0rd!bob"));
            assertTrue(refused.getMessage().contains("User is disabled"), refused.getMessage());
        } finally {
            admin("POST", "users/bob%40example.com/enable", null);
        }
        assertNotNull(Wire.credentials(gatehouse, "bob@example.com", "Passw0rd!bob").accessKeyId());
    }

    @Test
    void controls_refuse_an_unknown_user_with_400() {
        Wire.Response r = Wire.admin(gatehouse, "POST", "users/nobody%40example.com/disable", null);
        assertEquals(400, r.status());
        assertTrue(r.body().contains("no user nobody@example.com"), r.body());
    }
}
