package dev.gatehouse.emulator.cognito.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./gatehouse call} and {@code ./gatehouse credentials} (through {@link Main#run}) against a running Gatehouse:
 * the guide's three steps in one command, and export lines whose credentials sign real requests.
 */
class GatehouseCommandsTest {
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

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nout: " + out + "\nerr: " + err;
        }
    }

    /** Main.run with System.out and System.err captured (the commands print there, as the launcher's would). */
    static synchronized Run gatehouse(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static JsonNode body(Run r) throws Exception {
        String out = r.out().strip();
        return JSON.readTree(out.substring(out.indexOf('\n') + 1));
    }

    @Test
    void call_signs_in_and_posts_a_note_as_admin() throws Exception {
        Run r = gatehouse("call", "--endpoint", base, "--user", "admin@example.com", "--password", "Passw0rd!",
                "POST", "/notes", "{\"content\":\"hello world\",\"attachment\":\"hello.jpg\"}");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("200\n"), r.toString());
        JsonNode note = body(r);
        String admin = gatehouse.identityIdOf("admin@example.com");
        assertTrue(admin.startsWith("us-east-1:"), admin);
        assertEquals(admin, note.get("userId").asText());
        assertEquals("hello world", note.get("content").asText());

        Run read = gatehouse("call", "--endpoint", base, "--user", "admin@example.com",
                "GET", "/notes/" + note.get("noteId").asText());
        assertEquals(0, read.exit(), read.toString());
        assertEquals("hello world", body(read).get("content").asText(), "the note is stored, and the password "
                + "defaults to the configured test user's");
    }

    @Test
    void call_exits_non_zero_when_the_api_refuses() throws Exception {
        Run r = gatehouse("call", "--endpoint", base, "--user", "bob@example.com",
                "GET", "/notes/" + UUID.randomUUID());
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("404\n"), r.toString());
    }

    @Test
    void call_with_a_wrong_password_says_why_on_stderr() {
        Run r = gatehouse("call", "--endpoint", base, "--user", "admin@example.com", "--password", "Wrong-Passw0rd!",
                "GET", "/notes");
        assertNotEquals(0, r.exit(), r.toString());
        assertFalse(r.out().contains("200"), r.toString());
        assertTrue(r.err().contains("gatehouse: Incorrect username or password."), r.toString());
    }

    @Test
    void call_without_a_running_gatehouse_says_so() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Run r = gatehouse("call", "--endpoint", "http://127.0.0.1:" + closedPort, "--user", "admin@example.com",
                "GET", "/notes");
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("no Gatehouse answers at http://127.0.0.1:" + closedPort), r.toString());
    }

    @Test
    void credentials_prints_exports_that_sign_api_calls() throws Exception {
        Run r = gatehouse("credentials", "--endpoint", base, "alice@example.com");
        assertEquals(0, r.exit(), r.toString());
        Map<String, String> exports = exports(r.out());
        assertTrue(exports.get("AWS_ACCESS_KEY_ID").startsWith("ASIA"), r.out());
        assertEquals("us-east-1", exports.get("AWS_DEFAULT_REGION"));
        var credentials = AwsSessionCredentialsIdentity.create(exports.get("AWS_ACCESS_KEY_ID"),
                exports.get("AWS_SECRET_ACCESS_KEY"), exports.get("AWS_SESSION_TOKEN"));
        HttpResponse<String> created = ApiRequest.send(credentials, "POST", gatehouse.baseUri(), "/notes",
                "{\"content\":\"from exported credentials\"}");
        assertEquals(200, created.statusCode(), created.body());
        assertEquals(gatehouse.identityIdOf("alice@example.com"), JSON.readTree(created.body()).get("userId").asText());
    }

    @Test
    void developer_credentials_sign_admin_calls() {
        Run r = gatehouse("credentials", "--endpoint", base, "--developer");
        assertEquals(0, r.exit(), r.toString());
        Map<String, String> exports = exports(r.out());
        assertTrue(r.out().contains("unset AWS_SESSION_TOKEN"), r.out());
        try (CognitoIdentityProviderClient admin = CognitoIdentityProviderClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).endpointOverride(gatehouse.baseUri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        exports.get("AWS_ACCESS_KEY_ID"), exports.get("AWS_SECRET_ACCESS_KEY")))).build()) {
            assertEquals("CONFIRMED", admin.adminGetUser(q -> q.userPoolId(gatehouse.outputs().userPoolId())
                    .username("carol@example.com")).userStatusAsString());
        }
    }

    /** The NAME=VALUE pairs of the {@code export} line. */
    static Map<String, String> exports(String out) {
        String line = out.lines().filter(l -> l.startsWith("export ")).findFirst().orElseThrow(
                () -> new AssertionError("no export line in:\n" + out));
        Map<String, String> values = new HashMap<>();
        Arrays.stream(line.substring("export ".length()).trim().split("\\s+")).forEach(pair -> {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        });
        return values;
    }
}
