package dev.gatehouse.emulator.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    @Test
    void two_objects_for_one_file_can_write_it_at_the_same_time(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("cognito").resolve("user-pool-keys.json");
        // the second names the same file another way, as a second pool on the same data directory might
        List<JsonFile> files = List.of(new JsonFile(path),
                new JsonFile(dir.resolve("cognito/../cognito/user-pool-keys.json")));
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                JsonFile file = files.get(w);
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        file.write(Map.of("writer", writer, "write", i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(); // an exception in either writer fails the test here
            }
        } finally {
            writers.shutdownNow();
        }
        assertEquals(299, files.get(0).read(Map.class).orElseThrow().get("write"));
        assertFalse(Files.exists(path.resolveSibling("user-pool-keys.json.tmp")));
    }
}
