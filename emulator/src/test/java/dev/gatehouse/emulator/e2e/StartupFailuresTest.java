package dev.gatehouse.emulator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.cli.Main;
import dev.gatehouse.emulator.config.ConfigException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Gatehouse refuses to start with a clear message, and leaves nothing running behind. */
class StartupFailuresTest {

    @Test
    void port_in_use_is_named_and_nothing_is_left_running() throws Exception {
        Assumptions.assumeTrue(OwnListeningSockets.supported(), "needs Linux /proc");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Set<OwnListeningSockets.Listener> before = OwnListeningSockets.now();
            int port = taken.getLocalPort();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Gatehouse.builder().port(port).start().close());
            assertTrue(e.getMessage().contains(String.valueOf(port)) && e.getMessage().contains("in use"),
                    e.getMessage());
            // DynamoDB Local (started in parallel) and every other listener are closed by the time start() throws,
            // and stay closed: watched for a few seconds, as DynamoDB Local left behind would open its port late
            Instant watchUntil = Instant.now().plus(Duration.ofSeconds(3));
            do {
                assertEquals(before, OwnListeningSockets.now(), "listening sockets left behind by a failed start");
                Thread.onSpinWait();
            } while (Instant.now().isBefore(watchUntil));
        }
    }

    @Test
    void port_in_use_is_refused_before_anything_starts(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Gatehouse.builder().port(taken.getLocalPort()).dataDir(dataDir).start().close());
            assertTrue(e.getMessage().startsWith("port " + taken.getLocalPort() + " on 127.0.0.1 is in use"),
                    e.getMessage());
            // refused before the data directory is locked or DynamoDB Local writes into it: nothing was started
            assertTrue(Files.notExists(dataDir), "the data directory was created by a start that could not listen");
        }
    }

    private static Path brokenConfig(Path dir) throws Exception {
        String fixture = new String(StartupFailuresTest.class.getResourceAsStream("/gatehouse-fixtures/gatehouse.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        String broken = fixture.replace("\"timeoutSeconds\": 10", "\"timeoutSeconds\": 0");
        assertNotEquals(fixture, broken);
        Path file = dir.resolve("broken.json");
        Files.writeString(file, broken);
        return file;
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void broken_config_names_file_line_and_field(@TempDir Path dir) throws Exception {
        Path file = brokenConfig(dir);
        ConfigException e = assertThrows(ConfigException.class,
                () -> Gatehouse.builder().config(file).port(0).start().close());
        String expected = file + ":" + lineOf(file, "\"timeoutSeconds\": 0")
                + ": functionDefaults.timeoutSeconds: expected a whole number from 1 to 900";
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void start_command_with_a_broken_config_exits_non_zero_with_the_message_on_stderr(@TempDir Path dir)
            throws Exception {
        Path file = brokenConfig(dir);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run("start", "--port", "0", "--config", file.toString());
        } finally {
            System.setErr(err);
        }
        assertNotEquals(0, exit);
        String stderr = captured.toString(StandardCharsets.UTF_8);
        assertTrue(stderr.contains(file + ":" + lineOf(file, "\"timeoutSeconds\": 0")
                + ": functionDefaults.timeoutSeconds: expected a whole number"), stderr);
    }

    private static Path fixtureWith(Path dir, String from, String to) throws Exception {
        String fixture = new String(StartupFailuresTest.class.getResourceAsStream("/gatehouse-fixtures/gatehouse.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        String changed = fixture.replace(from, to);
        assertNotEquals(fixture, changed);
        Path file = dir.resolve("gatehouse.json");
        Files.writeString(file, changed);
        return file;
    }

    @Test
    void a_handler_class_missing_from_the_classpath_names_file_line_and_route(@TempDir Path dir) throws Exception {
        Path file = fixtureWith(dir, "\"dev.gatehouse.notes.CreateNote\"", "\"dev.gatehouse.notes.CreateNotes\"");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Gatehouse.builder().config(file).port(0).start().close());
        String expected = file + ":" + lineOf(file, "dev.gatehouse.notes.CreateNotes")
                + ": routes[\"POST /notes\"].handler: class dev.gatehouse.notes.CreateNotes is not on the classpath";
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void a_runtime_whose_interpreter_is_missing_is_refused_at_start_with_file_line_and_route(@TempDir Path dir)
            throws Exception {
        Path file = fixtureWith(dir, "\"handler\": \"dev.gatehouse.notes.CreateNote\",",
                "\"runtime\": \"nodejs20.x\", \"codeUri\": \".\", \"handler\": \"create.main\",");
        Files.writeString(dir.resolve("create.js"), "exports.main = async () => ({ statusCode: 200 });\n");
        String previous = System.getProperty("gatehouse.node");
        System.setProperty("gatehouse.node", dir.resolve("no-such-node").toString());
        try {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> Gatehouse.builder().config(file).port(0).start().close());
            String expected = file + ":" + lineOf(file, "nodejs20.x") + ": routes[\"POST /notes\"].runtime: "
                    + "runtime nodejs20.x needs Node.js";
            assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty("gatehouse.node");
            } else {
                System.setProperty("gatehouse.node", previous);
            }
        }
    }
}
