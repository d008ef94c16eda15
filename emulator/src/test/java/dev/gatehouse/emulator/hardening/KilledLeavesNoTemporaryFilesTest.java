package dev.gatehouse.emulator.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Gatehouse killed with {@code kill -9} once DynamoDB Local runs leaves nothing in the temporary directory: DynamoDB
 * Local loads SQLite's library from Gatehouse's one copy in {@code ~/.gatehouse/native}, where it used to copy it into
 * {@code /tmp} at every start and delete it only on an orderly exit.
 */
class KilledLeavesNoTemporaryFilesTest {
    @TempDir
    Path dir;

    @Test
    void sqlite_is_loaded_from_the_kept_copy_and_nothing_is_left_in_tmp() throws Exception {
        Path home = dir.resolve("home");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path logs = dir.resolve("logs");
        try (GatehouseProcess gatehouse = GatehouseProcess.run(logs,
                List.of("-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp), "start", "--port", "0", "--no-key-pool")) {
            gatehouse.awaitReady(Duration.ofSeconds(90));
            // with no call, the backend starts half a second after the ready line
            gatehouse.awaitOutput("DynamoDB, the tables and the functions ready", Duration.ofSeconds(90));
            String maps = Files.readString(Path.of("/proc", String.valueOf(gatehouse.process.pid()), "maps"));
            assertTrue(maps.contains(home.resolve(".gatehouse/native").toString()),
                    "SQLite's library is mapped from ~/.gatehouse/native");
            gatehouse.kill9();
        }
        try (Stream<Path> left = Stream.concat(Files.walk(tmp), Files.walk(logs))) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains("sqlite")).toList());
        }
        try (Stream<Path> kept = Files.list(home.resolve(".gatehouse/native"))) {
            assertEquals(1, kept.filter(p -> p.getFileName().toString().startsWith("sqlite4java-")).count());
        }
    }
}
