package dev.gatehouse.emulator.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.config.ConfigException;
import dev.gatehouse.emulator.config.ConfigLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog of fixtures/scenarios/: each known failure mode of this stack, reproduced, with what the user sees and
 * the explanation Gatehouse gives (X-Gatehouse-Reason and the record).
 */
class ScenarioCatalogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCENARIOS = Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"), "scenarios");
    private static Gatehouse gatehouse;
    private static SignIn.IdentityCredentials alice;
    private static SignIn.IdentityCredentials bob;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().config(SCENARIOS.resolve("gatehouse-scenarios.json")).port(0).start();
        alice = Wire.credentials(gatehouse, "alice@example.com", "Passw0rd!alice");
        bob = Wire.credentials(gatehouse, "bob@example.com", "Passw0rd!bob");
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    private static String api(String path) {
        return gatehouse.outputs().apiEndpoint() + path;
    }

    private static JsonNode record(Wire.Response r) throws Exception {
        Wire.Response rec = Wire.admin(gatehouse, "GET", "requests/"
                + URLEncoder.encode(r.requestId(), StandardCharsets.UTF_8), null);
        assertEquals(200, rec.status(), rec.body());
        return JSON.readTree(rec.body());
    }

    private static void assertForbidden(Wire.Response r, String errorType, String reason, String explanation)
            throws Exception {
        assertEquals(403, r.status());
        assertEquals("{\"message\":\"Forbidden\"}", r.body());
        assertEquals(errorType, r.header("x-amzn-ErrorType"));
        // An anonymous caller is not told whether its key exists: the header merges these reasons, the record keeps them.
        String header = List.of("UNKNOWN_ACCESS_KEY", "MISSING_SESSION_TOKEN", "INVALID_SESSION_TOKEN").contains(reason)
                ? "UNRECOGNIZED_CLIENT" : reason;
        assertTrue(r.header("X-Gatehouse-Reason").startsWith(header + ": "), r.header("X-Gatehouse-Reason"));
        JsonNode rec = record(r);
        assertEquals(reason, rec.path("reason").asText());
        assertTrue(rec.path("explanation").asText().contains(explanation), rec.path("explanation").asText());
    }

    @Test
    void path_template_without_leading_slash(@TempDir Path dir) throws Exception {
        String config = Files.readString(SCENARIOS.resolve("gatehouse-scenarios.json"))
                .replace("\"GET /admin/stats\"", "\"GET admin/stats\"");
        Path file = dir.resolve("no-leading-slash.json");
        Files.writeString(file, config);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("GET admin/stats"), e.getMessage());
        assertTrue(e.getMessage().contains("the path must start with '/'"), e.getMessage());
        Wire.Response r = Wire.sdk(alice, new Wire.Signing(), "GET", api("/notesx"), null);
        assertEquals(404, r.status(), "a path glued to another segment matches no route");
        assertEquals("{\"message\":\"Not Found\"}", r.body());
    }

    @Test
    void invoke_url_with_trailing_slash() throws Exception {
        Wire.Response r = Wire.sdk(alice, new Wire.Signing(), "GET", api("/") + "/notes", null);
        assertEquals(404, r.status(), r.body());
        assertEquals("{\"message\":\"Not Found\"}", r.body());
        assertEquals("//notes", record(r).path("path").asText());
    }

    @Test
    void wrong_region() throws Exception {
        Wire.Response r = Wire.sdk(alice, new Wire.Signing().region("us-west-2"), "GET", api("/notes"), null);
        assertForbidden(r, "InvalidSignatureException", "WRONG_REGION",
                "credential scope names region us-west-2, this API is in us-east-1");
    }

    @Test
    void expired_credentials() throws Exception {
        SignIn.IdentityCredentials carol = Wire.credentials(gatehouse, "carol@example.com", "Passw0rd!carol");
        assertEquals(200, Wire.admin(gatehouse, "POST", "users/carol%40example.com/expire-credentials", null).status());
        Wire.Response r = Wire.sdk(carol, new Wire.Signing(), "GET", api("/notes"), null);
        assertForbidden(r, "ExpiredTokenException", "EXPIRED_CREDENTIALS",
                "the credentials of " + carol.accessKeyId() + " expired at ");
    }

    @Test
    void clock_skew() throws Exception {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        Wire.Response r = Wire.sdk(alice, new Wire.Signing().clock(ahead), "GET", api("/notes"), null);
        assertForbidden(r, "InvalidSignatureException", "SIGNATURE_NOT_YET_CURRENT", "s ahead of Gatehouse's");
    }

    @Test
    void security_token_added_after_signing() throws Exception {
        Wire.Response r = Wire.sdk(alice, new Wire.Signing().tokenAddedAfterSigning(), "GET", api("/notes"), null);
        assertEquals(200, r.status(), r.header("X-Gatehouse-Reason"));
        assertFalse(r.sent().get("Authorization").contains("x-amz-security-token"), "the token was not signed");
        assertEquals("accepted", record(r).path("verdict").asText());
    }

    @Test
    void token_missing() throws Exception {
        Wire.Response r = Wire.sdk(alice, new Wire.Signing().noToken(), "GET", api("/notes"), null);
        assertForbidden(r, "AccessDeniedException", "MISSING_SESSION_TOKEN",
                "is temporary but no session token was sent");
    }

    @Test
    void identity_id_confused_with_user_pool_sub() throws Exception {
        Wire.Response r = Wire.sdk(alice, new Wire.Signing(), "POST", api("/notes"), "{\"content\":\"whose?\"}");
        assertEquals(200, r.status());
        String sub = gatehouse.config().users().stream().filter(u -> u.email().equals("alice@example.com"))
                .findFirst().orElseThrow().sub();
        String userId = JSON.readTree(r.body()).path("userId").asText();
        assertEquals(alice.identityId(), userId);
        assertFalse(userId.contains(sub), "the note is stored under the identity id, not the user pool sub");
        JsonNode cognito = record(r).path("event").path("requestContext").path("authorizer").path("iam")
                .path("cognitoIdentity");
        assertEquals(alice.identityId(), cognito.path("identityId").asText());
        assertTrue(cognito.path("amr").get(2).asText().endsWith(":CognitoSignIn:" + sub), cognito.toString());
    }

    @Test
    void hard_coded_user_id_leaks_notes() throws Exception {
        String secret = "alice's secret " + System.nanoTime();
        assertEquals(200, Wire.sdk(alice, new Wire.Signing(), "POST", api("/guide/notes"),
                "{\"content\":\"" + secret + "\"}").status());
        Wire.Response leaked = Wire.sdk(bob, new Wire.Signing(), "GET", api("/guide/notes"), null);
        assertEquals(200, leaked.status());
        assertTrue(leaked.body().contains(secret), "bob sees alice's note through the hard-coded user id");
        assertEquals(bob.identityId(), record(leaked).path("event").path("requestContext").path("authorizer")
                .path("iam").path("cognitoIdentity").path("identityId").asText(), "the event did name bob");
        Wire.Response fixed = Wire.sdk(bob, new Wire.Signing(), "GET", api("/notes"), null);
        assertFalse(fixed.body().contains(secret), "the real ListNotes reads the identity from the event");
    }

    @Test
    void put_creates_phantom_notes() throws Exception {
        Wire.Response created = Wire.sdk(alice, new Wire.Signing(), "POST", api("/notes"), "{\"content\":\"mine\"}");
        String noteId = JSON.readTree(created.body()).path("noteId").asText();
        Wire.Response fixed = Wire.sdk(bob, new Wire.Signing(), "PUT", api("/notes/" + noteId),
                "{\"content\":\"hijack\"}");
        assertEquals(404, fixed.status(), "the real UpdateNote writes only the caller's existing note");
        Wire.Response upsert = Wire.sdk(bob, new Wire.Signing(), "PUT", api("/guide/notes/" + noteId),
                "{\"content\":\"hijack\"}");
        assertEquals(200, upsert.status());
        assertEquals("{\"status\":true}", upsert.body());
        JsonNode bobsNotes = JSON.readTree(Wire.sdk(bob, new Wire.Signing(), "GET", api("/notes"), null).body());
        JsonNode phantom = null;
        for (JsonNode n : bobsNotes) {
            if (n.path("noteId").asText().equals(noteId)) {
                phantom = n;
            }
        }
        assertTrue(phantom != null, "bob now owns a phantom note with alice's noteId");
        assertFalse(phantom.has("createdAt"), "the phantom has no createdAt");
        Wire.Response alicesNote = Wire.sdk(alice, new Wire.Signing(), "GET", api("/notes/" + noteId), null);
        assertEquals("mine", JSON.readTree(alicesNote.body()).path("content").asText(), "alice's note is untouched");
    }

    @Test
    void unauthenticated_identity_refused() {
        try (CognitoIdentityClient identity = CognitoIdentityClient.builder()
                .region(Region.of(gatehouse.outputs().region())).endpointOverride(gatehouse.baseUri())
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                    () -> identity.getId(b -> b.identityPoolId(gatehouse.outputs().identityPoolId())));
            assertEquals(400, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().contains("Unauthenticated access is not supported"),
                    e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void role_policy_does_not_cover_the_route() throws Exception {
        Wire.Response r = Wire.sdk(alice, new Wire.Signing(), "GET", api("/admin/stats"), null);
        assertForbidden(r, "AccessDeniedException", "ACCESS_DENIED",
                "is not authorized to perform: execute-api:Invoke on resource: "
                        + "arn:aws:execute-api:us-east-1:123456789012:gh0notes01/$default/GET/admin/stats");
        assertFalse(record(r).path("invoked").asBoolean(), "the handler never ran");
        assertEquals(200, Wire.sdk(alice, new Wire.Signing(), "GET", api("/notes"), null).status());
    }
}
