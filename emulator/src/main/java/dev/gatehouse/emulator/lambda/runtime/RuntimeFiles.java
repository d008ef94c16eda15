package dev.gatehouse.emulator.lambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The runtime clients Gatehouse ships (resources under {@code gatehouse-runtimes/}), copied once per JVM to a private
 * temporary folder so that {@code node} and {@code python3} can run them; the folder is removed when the JVM exits.
 */
final class RuntimeFiles {
    private static final String RESOURCES = "gatehouse-runtimes/";
    private static final Map<String, Path> COPIED = new ConcurrentHashMap<>();
    private static volatile Path folder;

    private RuntimeFiles() {
    }

    static Path path(String resource) {
        return COPIED.computeIfAbsent(resource, RuntimeFiles::copy);
    }

    private static Path copy(String resource) {
        try (InputStream in = RuntimeFiles.class.getClassLoader().getResourceAsStream(RESOURCES + resource)) {
            if (in == null) {
                throw new IllegalStateException("runtime file " + RESOURCES + resource + " is not packaged");
            }
            Path target = folder().resolve(resource);
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the runtime file " + resource, e);
        }
    }

    /** The folder the runtime clients are copied to ({@code LAMBDA_RUNTIME_DIR}). */
    static Path root() {
        try {
            return folder();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path folder() throws IOException {
        if (folder == null) {
            Path created = Files.createTempDirectory("gatehouse-runtimes-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(created), "gatehouse-runtime-files"));
            folder = created;
        }
        return folder;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort, at JVM exit
        }
    }
}
