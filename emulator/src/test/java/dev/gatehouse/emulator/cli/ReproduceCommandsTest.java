package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.scenarios.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code explain}, {@code requests}, {@code replay}, {@code invoke} and {@code control} through Main.run. */
class ReproduceCommandsTest {
    private static final Path EVENTS = Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"), "events");
    private static Gatehouse gatehouse;
    private static SignIn.IdentityCredentials bob;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        bob = Wire.credentials(gatehouse, "bob@example.com", "Passw0rd!bob");
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    record Run(int exit, String out, String err) {
    }

    private static synchronized Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--endpoint";
            all[args.length + 1] = gatehouse.baseUri().toString();
            int exit = Main.run(all);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static String api(String path) {
        return gatehouse.outputs().apiEndpoint() + path;
    }

    @Test
    void explain_names_an_unsorted_query() {
        Wire.Response r = Wire.unsortedQuery(bob, gatehouse.outputs().apiEndpoint(), "/notes",
                List.of(new String[] {"sort", "desc"}, new String[] {"limit", "5"}));
        assertEquals(403, r.status());
        Run run = cli("explain", r.requestId());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("query string parameters were not sorted"), run.out());
        assertTrue(run.out().contains("The CanonicalRequest Gatehouse expected:"), run.out());
        assertTrue(run.out().contains("limit=5&sort=desc"), run.out());
        assertTrue(run.out().contains("SignedHeaders: host;x-amz-date;x-amz-security-token"), run.out());
        assertTrue(run.out().contains("bob@example.com"), run.out());
    }

    @Test
    void explain_names_a_wrong_region() {
        Wire.Response r = Wire.sdk(bob, new Wire.Signing().region("eu-west-1"), "GET", api("/notes"), null);
        assertEquals(403, r.status());
        Run run = cli("explain", r.requestId());
        assertTrue(run.out().contains("credential scope names region eu-west-1, this API is in us-east-1"),
                run.out());
        assertTrue(run.out().contains("/eu-west-1/execute-api/aws4_request"), run.out());
        assertTrue(run.out().contains("403 InvalidSignatureException"), run.out());
    }

    @Test
    void explain_names_a_clock_ten_minutes_off() {
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        Wire.Response r = Wire.sdk(bob, new Wire.Signing().clock(behind), "GET", api("/notes"), null);
        assertEquals(403, r.status());
        Run run = cli("explain", r.requestId());
        assertTrue(run.out().matches("(?s).*clock is (59\\d|60\\d) s behind Gatehouse's \\(allowed: 300 s\\).*"),
                run.out());
        assertTrue(run.out().contains("SIGNATURE_EXPIRED"), run.out());
    }

    @Test
    void explain_of_an_unknown_request_fails_clearly() {
        Run run = cli("explain", "no-such-request");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("no call no-such-request in the record"), run.err());
    }

    @Test
    void requests_lists_calls_filtered_by_user_and_status() {
        Wire.Response refused = Wire.sdk(bob, new Wire.Signing().region("us-west-2"), "GET", api("/notes"), null);
        Run run = cli("requests", "--user", "bob@example.com", "--status", "403");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains(refused.requestId()), run.out());
        assertTrue(run.out().contains("WRONG_REGION"), run.out());
        assertFalse(run.out().contains(" 200 "), run.out());
    }

    @Test
    void invoke_runs_the_handler_with_a_production_event() throws Exception {
        Run run = cli("invoke", "--route", "POST /notes", "--event", EVENTS.resolve("create-note.json").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("200"), run.out());
        JsonNode note = new ObjectMapper().readTree(run.out().substring(run.out().indexOf('{')));
        assertEquals("us-east-1:5f1c0e2a-9b3d-4c7e-8a1f-2b3c4d5e6f70", note.path("userId").asText());
        assertEquals("captured in production", note.path("content").asText());
        assertTrue(note.path("noteId").asText().length() > 10);
    }

    @Test
    void invoke_accepts_the_event_as_a_json_string_from_cloudwatch() {
        Run run = cli("invoke", "--route", "GET /notes/{id}", "--event",
                EVENTS.resolve("get-missing-note-from-cloudwatch.json").toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().startsWith("404"), run.out());
        assertTrue(run.out().contains("Item not found."), run.out());
    }

    @Test
    void invoke_refuses_an_unknown_route_and_a_payload_1_event(@TempDir Path dir) throws Exception {
        Run unknown = cli("invoke", "--route", "GET /nope", "--event", EVENTS.resolve("create-note.json").toString());
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no route GET /nope"), unknown.err());
        Path v1 = dir.resolve("event-v1.json");
        java.nio.file.Files.writeString(v1, "{\"version\":\"1.0\",\"resource\":\"/notes\"}");
        Run old = cli("invoke", "--route", "POST /notes", "--event", v1.toString());
        assertEquals(1, old.exit());
        assertTrue(old.err().contains("event.version must be \"2.0\""), old.err());
    }

    @Test
    void replay_resends_a_call_byte_for_byte_and_resigned() {
        Wire.Response created = Wire.sdk(bob, new Wire.Signing(), "POST", api("/notes"), "{\"content\":\"replayed\"}");
        assertEquals(200, created.status());
        Run original = cli("replay", created.requestId());
        assertEquals(0, original.exit(), original.err());
        assertTrue(original.out().startsWith("200"), original.out());
        assertTrue(original.out().contains("\"content\" : \"replayed\""), original.out());
        Run resigned = cli("replay", created.requestId(), "--resign");
        assertEquals(0, resigned.exit(), resigned.err());
        assertTrue(resigned.out().contains("resign"), resigned.out());
        assertTrue(resigned.out().contains(gatehouse.identityIdOf("bob@example.com")), resigned.out());
    }

    @Test
    void replay_at_the_original_time_holds_after_both_clocks_moved() {
        Wire.Response created = Wire.sdk(bob, new Wire.Signing(), "POST", api("/notes"), "{\"content\":\"then\"}");
        assertEquals(200, created.status());
        try {
            // tokens half an hour on (bob's credentials still valid: expired ones are not replayed) and clients
            // simulated ten minutes behind: the replay stops both clocks where they were when the call arrived, so
            // it is accepted as it was then
            assertEquals(0, cli("control", "clock", "--offset", "1800").exit());
            assertEquals(0, cli("control", "client-skew", "600").exit());
            Run replayed = cli("replay", created.requestId());
            assertEquals(0, replayed.exit(), replayed.err());
            assertTrue(replayed.out().startsWith("200"), replayed.out());
        } finally {
            assertEquals(0, cli("control", "client-skew", "0").exit());
            assertEquals(0, cli("control", "clock", "--reset").exit());
        }
    }

    @Test
    void control_clock_ages_credentials_and_a_fresh_sign_in_works() {
        try {
            Run shifted = cli("control", "clock", "--offset", "7200");
            assertEquals(0, shifted.exit(), shifted.err());
            assertTrue(shifted.out().contains("offset 7200 s"), shifted.out());
            assertTrue(shifted.out().contains("(real time)"), shifted.out());
            Wire.Response r = Wire.sdk(bob, new Wire.Signing(), "GET", api("/notes"), null);
            assertEquals(403, r.status());
            assertEquals("ExpiredTokenException", r.header("x-amzn-ErrorType"));
            SignIn.IdentityCredentials fresh = Wire.credentials(gatehouse, "bob@example.com", "Passw0rd!bob");
            assertEquals(200, Wire.sdk(fresh, new Wire.Signing(), "GET", api("/notes"), null).status());
        } finally {
            assertEquals(0, cli("control", "clock", "--reset").exit());
        }
        assertEquals(200, Wire.sdk(bob, new Wire.Signing(), "GET", api("/notes"), null).status());
    }

    @Test
    void control_client_skew_makes_fresh_signatures_look_old() {
        try {
            Run skewed = cli("control", "client-skew", "600");
            assertEquals(0, skewed.exit(), skewed.err());
            assertTrue(skewed.out().contains("600 s behind"), skewed.out());
            Wire.Response r = Wire.sdk(bob, new Wire.Signing(), "GET", api("/notes"), null);
            assertEquals(403, r.status());
            assertTrue(r.header("X-Gatehouse-Reason").startsWith("SIGNATURE_EXPIRED"), r.header("X-Gatehouse-Reason"));
        } finally {
            assertEquals(0, cli("control", "client-skew", "0").exit());
        }
        assertEquals(200, Wire.sdk(bob, new Wire.Signing(), "GET", api("/notes"), null).status());
    }

    @Test
    void control_user_actions_say_in_one_line_what_changed() {
        Run expired = cli("control", "expire-credentials", "carol@example.com");
        assertEquals(0, expired.exit(), expired.err());
        assertTrue(expired.out().matches("\\d+ credential\\(s\\) of carol@example.com \\(identity us-east-1:[-0-9a-f]+\\) "
                + "expired now\\R"), expired.out());
        try {
            Run disabled = cli("control", "disable", "carol@example.com");
            assertEquals(0, disabled.exit(), disabled.err());
            assertEquals("carol@example.com is disabled: sign-in and token refresh are refused", disabled.out().strip());
        } finally {
            Run enabled = cli("control", "enable", "carol@example.com");
            assertEquals("carol@example.com is enabled again", enabled.out().strip());
        }
    }

    @Test
    void no_command_is_a_usage_error() {
        PrintStream err = System.err;
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(2, Main.run());
        } finally {
            System.setErr(err);
        }
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("Usage: gatehouse"), e.toString(StandardCharsets.UTF_8));
    }
}
