package dev.gatehouse.contracts.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.contracts.GatehouseOnly;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignedCall;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code examples/notes-python}: the notes functions in Python with boto3, behind the real IAM authorizer. Needs a
 * {@code python3} that imports boto3 (Debian: {@code apt-get install python3-boto3}, then {@code /usr/bin/python3});
 * skipped without one, unless {@code CI=true}.
 */
@Isolated("starts its own Gatehouse with function processes: one at a time on a small machine")
@GatehouseOnly("starts the example's own configuration in this JVM")
class NotesPythonSmokeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void create_get_list_update_delete_through_the_python_handlers() throws Exception {
        System.setProperty("gatehouse.python", pythonWithBoto3());
        try (Gatehouse gatehouse = Gatehouse.builder().config(Path.of("..", "examples", "notes-python", "gatehouse.json"))
                .port(0).start()) {
            Outputs outputs = gatehouse.outputs();
            SignIn.IdentityCredentials admin;
            SignIn.IdentityCredentials bob;
            try (SignIn signIn = new SignIn(outputs, gatehouse.baseUri(), Clock.systemUTC())) {
                admin = signIn.credentials(signIn.password("admin@example.com", "Passw0rd!").idToken());
                bob = signIn.credentials(signIn.password("bob@example.com", "Passw0rd!bob").idToken());
            }
            SignedCall.Response created = SignedCall.send(outputs.region(), admin, "POST", gatehouse.baseUri(),
                    "/notes", "{\"content\":\"from Python\"}");
            assertEquals(200, created.status(), created.body());
            JsonNode note = JSON.readTree(created.body());
            assertEquals(admin.identityId(), note.get("userId").asText());
            assertEquals("from Python", note.get("content").asText());
            String path = "/notes/" + note.get("noteId").asText();

            SignedCall.Response got = SignedCall.send(outputs.region(), admin, "GET", gatehouse.baseUri(), path, null);
            assertEquals(200, got.status(), got.body());
            assertEquals(note, JSON.readTree(got.body()));
            assertEquals(404, SignedCall.send(outputs.region(), bob, "GET", gatehouse.baseUri(), path, null).status());
            assertEquals(404, SignedCall.send(outputs.region(), bob, "PUT", gatehouse.baseUri(), path,
                    "{\"content\":\"taken\"}").status());
            assertEquals(400, SignedCall.send(outputs.region(), admin, "POST", gatehouse.baseUri(), "/notes",
                    "{not json").status());

            SignedCall.Response second = SignedCall.send(outputs.region(), admin, "POST", gatehouse.baseUri(),
                    "/notes", "{\"content\":\"newer\"}");
            JsonNode list = JSON.readTree(SignedCall.send(outputs.region(), admin, "GET", gatehouse.baseUri(),
                    "/notes", null).body());
            assertEquals(JSON.readTree(second.body()).get("noteId"), list.get(0).get("noteId"), "newest first");
            assertEquals(note.get("noteId"), list.get(1).get("noteId"));

            assertEquals(200, SignedCall.send(outputs.region(), admin, "PUT", gatehouse.baseUri(), path,
                    "{\"content\":\"edited\"}").status());
            assertEquals("edited", JSON.readTree(SignedCall.send(outputs.region(), admin, "GET", gatehouse.baseUri(),
                    path, null).body()).get("content").asText());
            assertEquals(200, SignedCall.send(outputs.region(), admin, "DELETE", gatehouse.baseUri(), path, null)
                    .status());
            assertEquals(404, SignedCall.send(outputs.region(), admin, "DELETE", gatehouse.baseUri(), path, null)
                    .status());
        } finally {
            System.clearProperty("gatehouse.python");
        }
    }

    /** The first of python3 and Debian's /usr/bin/python3 that imports boto3. */
    private static String pythonWithBoto3() throws IOException, InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import boto3").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not there: try the next
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but no python3 imports boto3: apt-get install python3-boto3");
        }
        Assumptions.abort("no python3 with boto3 (apt-get install python3-boto3): skipping the Python example");
        return null;
    }
}
