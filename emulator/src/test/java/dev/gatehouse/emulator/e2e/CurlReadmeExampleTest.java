package dev.gatehouse.emulator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's curl example, word for word: {@code eval "$(./gatehouse credentials admin@example.com)"} (here the same
 * command through {@link Main#run}), then real {@code curl --aws-sigv4} in bash. Skipped when curl is missing, except on
 * CI ({@code CI=true}), where it must run.
 */
class CurlReadmeExampleTest {
    private static final String README_CURL = "curl -s --aws-sigv4 \"aws:amz:us-east-1:execute-api\" "
            + "--user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" -H \"x-amz-security-token: $AWS_SESSION_TOKEN\" ";

    private static Gatehouse gatehouse;

    @BeforeAll
    static void start() {
        boolean curl = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "curl")));
        if (!curl) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("curl is required on CI (CI=true) and is not on the PATH");
            }
            Assumptions.abort("curl is not installed: skipping the README's curl example (install curl to run it)");
        }
        gatehouse = Gatehouse.builder().port(0).start();
    }

    @AfterAll
    static void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    /** {@code ./gatehouse credentials EMAIL --endpoint BASE}, its stdout captured: the export line. */
    private static String credentialsOf(String email) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run("credentials", "--endpoint", gatehouse.baseUri().toString(), email);
        } finally {
            System.setOut(out);
        }
        assertEquals(0, exit, "gatehouse credentials exit code");
        String exports = captured.toString(StandardCharsets.UTF_8);
        assertTrue(exports.startsWith("export AWS_ACCESS_KEY_ID=ASIA"), "no export line");
        return exports;
    }

    /** Runs {@code eval "$EXPORTS"; <command>} in bash; returns stdout and the status line curl's -w prints. */
    private static String[] bash(String exports, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "eval \"$GATEHOUSE_EXPORTS\"\n" + command
                + " -w '\\n%{http_code}'");
        pb.environment().put("GATEHOUSE_EXPORTS", exports);
        pb.environment().put("BASE", gatehouse.baseUri().toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl did not finish");
        assertEquals(0, p.exitValue(), "curl failed: " + out);
        int nl = out.lastIndexOf('\n');
        return new String[] {out.substring(0, nl), out.substring(nl + 1)};
    }

    @Test
    void readme_curl_example_creates_a_note_that_only_admin_can_read() throws Exception {
        String admin = credentialsOf(TestUsers.ADMIN);
        String[] created = bash(admin, README_CURL + "-H 'content-type: application/json' "
                + "-d '{\"content\":\"hello world\",\"attachment\":\"hello.jpg\"}' \"$BASE/notes\"");
        assertEquals("200", created[1], created[0]);
        JsonNode note = Wire.JSON.readTree(created[0]);
        assertEquals(gatehouse.identityIdOf(TestUsers.ADMIN), note.get("userId").asText());
        assertTrue(note.get("userId").asText().matches("us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                + "[0-9a-f]{12}"), note.toString());
        assertEquals("hello world", note.get("content").asText());
        assertEquals("hello.jpg", note.get("attachment").asText());
        String noteId = note.get("noteId").asText();

        String[] unsigned = bash("", "curl -s -H 'content-type: application/json' "
                + "-d '{\"content\":\"hello world\",\"attachment\":\"hello.jpg\"}' \"$BASE/notes\"");
        assertEquals("403", unsigned[1]);
        assertEquals("{\"message\":\"Forbidden\"}", unsigned[0]);

        String[] mine = bash(admin, README_CURL + "\"$BASE/notes/" + noteId + "\"");
        assertEquals("200", mine[1], mine[0]);
        assertEquals(note, Wire.JSON.readTree(mine[0]));

        String[] alices = bash(credentialsOf(TestUsers.ALICE), README_CURL + "\"$BASE/notes/" + noteId + "\"");
        assertEquals("404", alices[1], alices[0]);
        assertEquals("{\"error\":\"Item not found.\"}", alices[0]);
    }
}
