package dev.gatehouse.emulator.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A route's runtime, codeUri, handler, reservedConcurrency and isolation, checked at load against the files. */
class RuntimeSettingsTest {
    private static String fixture() throws IOException {
        return Files.readString(Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"), "gatehouse.json"));
    }

    private static Path write(Path dir, String routes) throws IOException {
        String json = fixture();
        int start = json.indexOf("\"routes\": {");
        int end = json.indexOf("},\n  \"tables\"");
        Path file = dir.resolve("gatehouse.json");
        Files.writeString(file, json.substring(0, start) + "\"routes\": {\n" + routes + "\n  " + json.substring(end));
        return file;
    }

    @Test
    void a_node_route_resolves_its_code_folder_against_the_configuration_file(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/create.mjs"), "export const main = async () => ({});");
        GatehouseConfig config = ConfigLoader.load(write(dir, """
                    "POST /notes": { "runtime": "nodejs20.x", "codeUri": "src", "handler": "create.main",
                                     "reservedConcurrency": 4, "authorization": "AWS_IAM" }"""));
        GatehouseConfig.Route route = config.routes().get(0);
        assertEquals("nodejs20.x", route.code().runtime());
        assertEquals(dir.resolve("src").toAbsolutePath().normalize(), route.code().codeUri());
        assertEquals(4, route.code().reservedConcurrency());
        assertEquals("process", route.code().isolation());
    }

    @Test
    void a_java_route_runs_in_process_by_default(@TempDir Path dir) throws IOException {
        GatehouseConfig.Route route = ConfigLoader.load(write(dir, """
                    "POST /notes": { "handler": "dev.gatehouse.notes.CreateNote" }""")).routes().get(0);
        assertEquals("java17", route.code().runtime());
        assertTrue(route.code().inProcess());
        assertNull(route.code().codeUri());
        assertEquals(10, route.code().reservedConcurrency());
    }

    @Test
    void every_wrong_runtime_setting_is_reported_with_file_line_and_field(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(dir.resolve("custom"));
        Files.writeString(dir.resolve("custom/bootstrap"), "#!/bin/sh\n");
        Path file = write(dir, """
                    "POST /notes": { "runtime": "nodejs14.x", "codeUri": "src", "handler": "create.main" },
                    "GET /notes": { "runtime": "nodejs20.x", "codeUri": "src", "handler": "list.main" },
                    "GET /notes/{id}": { "runtime": "python3.12", "handler": "app.handler" },
                    "PUT /notes/{id}": { "runtime": "nodejs20.x", "codeUri": "nowhere", "handler": "update.main",
                                         "isolation": "in-process" },
                    "DELETE /notes/{id}": { "runtime": "provided.al2023", "codeUri": "custom", "reservedConcurrency": 0 },
                    "GET /java": { "handler": "dev.gatehouse.notes.GetNote", "codeUri": "build/app.jar" }""");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        String msg = e.getMessage();
        // the routes written above start on the line after "routes": {
        String json = Files.readString(file);
        int first = 2 + (int) json.substring(0, json.indexOf("\"routes\": {")).chars().filter(c -> c == '\n').count();
        assertTrue(msg.contains(file + ":" + first + ": routes[\"POST /notes\"].runtime: expected a Lambda runtime: "
                + "[java17, "), msg);
        assertTrue(msg.contains(":" + (first + 1) + ": routes[\"GET /notes\"].handler: no file list.js, .mjs or .cjs "
                + "in " + dir.resolve("src")), msg);
        assertTrue(msg.contains(":" + (first + 2) + ": routes[\"GET /notes/{id}\"].codeUri: missing; expected the "
                + "folder of the python3.12"), msg);
        assertTrue(msg.contains("routes[\"PUT /notes/{id}\"].isolation: expected \"process\": only Java handlers run in "
                + "process"), msg);
        assertTrue(msg.contains("routes[\"PUT /notes/{id}\"].codeUri: no such folder: " + dir.resolve("nowhere")), msg);
        assertTrue(msg.contains("routes[\"DELETE /notes/{id}\"].reservedConcurrency: expected a whole number from 1 to "
                + "1000, got the number 0"), msg);
        assertTrue(msg.contains("routes[\"DELETE /notes/{id}\"].handler: " + dir.resolve("custom/bootstrap")
                + " is not executable (chmod +x)"), msg);
        assertTrue(msg.contains("routes[\"GET /java\"].codeUri: no such jar or folder: "
                + dir.resolve("build/app.jar")), msg);
        assertEquals(8, e.problems().size(), msg);
    }
}
