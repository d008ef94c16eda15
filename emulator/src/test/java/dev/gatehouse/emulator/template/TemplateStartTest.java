package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.hardening.GatehouseProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gatehouse start --template FILE} as a user runs it, in its own JVM. */
class TemplateStartTest {
    @TempDir
    Path dir;

    /** The notes SAM template, its code named by absolute path, plus {@code extra} resources and outputs. */
    private Path template(String extraResources, String extraOutputs) throws Exception {
        Path functions = TemplateLoaderTest.FIXTURES.resolve("../functions").toAbsolutePath().normalize();
        String text = Files.readString(TemplateLoaderTest.NOTES_SAM)
                .replace("CodeUri: ../../functions", "CodeUri: " + functions.toString().replace("\\", "/"))
                .replace("\nOutputs:\n", "\n" + extraResources + "\nOutputs:\n" + extraOutputs);
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void a_template_with_a_resource_not_emulated_starts_with_the_warning_and_serves_its_outputs() throws Exception {
        Path file = template("""
                  Uploads:
                    Type: AWS::S3::Bucket
                """, """
                  UploadsBucket:
                    Value: !Ref Uploads
                  NotesUrl:
                    Value: !Sub "https://${NotesApi}.execute-api.${AWS::Region}.amazonaws.com/notes"
                """);
        try (GatehouseProcess p = GatehouseProcess.run(dir.resolve("logs"), "start", "--port", "0", "--template",
                file.toString(), "--users", TemplateLoaderTest.FIXTURES.resolve("notes-sam/users.json").toString())) {
            URI base = p.awaitReady(Duration.ofMinutes(3));
            assertTrue(p.output().contains("not emulated: AWS::S3::Bucket Uploads"), p.output());
            HttpClient http = HttpClient.newHttpClient();
            String token = dev.gatehouse.emulator.client.AdminToken.find(base).orElseThrow();
            HttpResponse<String> outputs = http.send(HttpRequest.newBuilder(base.resolve("/_gatehouse/outputs"))
                    .header(dev.gatehouse.emulator.client.AdminToken.HEADER, token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, outputs.statusCode(), outputs.body());
            JsonNode o = new ObjectMapper().readTree(outputs.body());
            assertEquals(base.toString(), o.get("ApiEndpoint").asText());
            assertEquals(base + "/notes", o.get("NotesUrl").asText());
            assertEquals("notes", o.get("NotesTableName").asText());
            assertTrue(o.get("UploadsBucket").asText().contains("-Uploads-"), o.toString());
            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(base.resolve("/notes")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, unsigned.statusCode(), "the template's AWS_IAM routes refuse an unsigned call");
        }
    }

    @Test
    void a_broken_intrinsic_stops_with_the_line_and_the_reason() throws Exception {
        Path file = template("", """
                  Broken:
                    Value: !Join [",", !Ref NotesTable]
                """);
        int line = Files.readAllLines(file).indexOf("    Value: !Join [\",\", !Ref NotesTable]") + 1;
        try (GatehouseProcess p = GatehouseProcess.run(dir.resolve("logs"), "start", "--port", "0", "--template",
                file.toString())) {
            int exit = p.awaitExit(Duration.ofMinutes(2));
            String output = p.output();
            assertNotEquals(0, exit, output);
            assertTrue(output.contains(file + ":" + line + ": Outputs.Broken.Value.Fn::Join[1]: expected Fn::Join: a "
                    + "list of values, got the string \"notes\""), output);
            assertFalse(output.contains("Gatehouse ready"), output);
        }
    }
}
