package dev.gatehouse.emulator.hardening;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, a broken configuration through the real command line in its own JVM: the message names the file, the line
 * and the field, the exit code is not 0, and the process ends (nothing is left running).
 */
class BrokenConfigTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}: the line of the value, {2}")
    @CsvSource(delimiter = '|', value = {
            "\"timeoutSeconds\": 10,|\"timeoutSeconds\": \"ten\",|timeoutSeconds",
            "\"credentialsMinutes\": 60,|\"credentialsMinutes\": -5,|credentialsMinutes",
            "\"handler\": \"dev.gatehouse.notes.GetNote\"|\"handler\": \"not a class name\"|handler",
    })
    void broken_configuration_names_file_line_and_field_and_exits(String good, String bad, String field)
            throws Exception {
        String config;
        try (InputStream in = getClass().getResourceAsStream("/gatehouse-fixtures/gatehouse.json")) {
            config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(config.contains(good), good);
        // the line the broken value is on, counted in the fixture as it is (1-based)
        int line = 1 + (int) config.substring(0, config.indexOf(good)).chars().filter(c -> c == '\n').count();
        Path file = dir.resolve("broken.json");
        Files.writeString(file, config.replace(good, bad));
        try (GatehouseProcess p = GatehouseProcess.run(dir.resolve("logs"), "start", "--port", "0", "--config",
                file.toString())) {
            int exit = p.awaitExit(Duration.ofSeconds(60));
            String output = p.output();
            assertNotEquals(0, exit, output);
            assertTrue(output.contains(file + ":" + line + ":"), () -> "file:line in:\n" + output);
            assertTrue(output.contains(field), () -> field + " in:\n" + output);
            assertTrue(!output.contains("Gatehouse ready"), output);
        }
    }
}
