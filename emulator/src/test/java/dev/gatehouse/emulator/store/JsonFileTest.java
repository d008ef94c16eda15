package dev.gatehouse.emulator.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JsonFileTest {

    @Test
    void a_state_file_is_readable_by_its_owner_only(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("iam").resolve("credentials.json");
        new JsonFile(path).write(Map.of("secret", "not for other users"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    }

    @Test
    void a_rewrite_replaces_the_document_whole_and_leaves_no_temporary_file(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("users.json");
        JsonFile file = new JsonFile(path);
        Files.writeString(path.resolveSibling("users.json.tmp"), "{\"half\":"); // what a crash mid-write leaves
        file.write(Map.of("users", 1));
        file.write(Map.of("users", 2));
        assertEquals(Map.of("users", 2), file.read(Map.class).orElseThrow());
        assertFalse(Files.exists(path.resolveSibling("users.json.tmp")));
    }
}
