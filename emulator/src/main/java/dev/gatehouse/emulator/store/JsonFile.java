package dev.gatehouse.emulator.store;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JSON document on disk, replaced atomically: written to a temporary file, forced to the device, then renamed over
 * the old one. A reader sees the old document or the new one, never half of one, and a write that returned survives a
 * crash of the process or the machine. Every such file holds secrets (signing keys, credentials, password verifiers,
 * refresh tokens), so it is readable and writable by its owner only.
 */
public final class JsonFile {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One lock per file for the whole process, not per instance: two objects for the same file (two pools started on one
     * data directory, as a restart test does) would otherwise share the temporary file, and one's rename would find it
     * gone. Other processes are kept out of the data directory by its lock file.
     */
    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path path;

    public JsonFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public <T> Optional<T> read(Class<T> type) {
        return read(MAPPER.constructType(type));
    }

    public <T> Optional<T> read(JavaType type) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(path.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public void write(Object value) {
        synchronized (LOCKS.computeIfAbsent(path.toAbsolutePath().normalize(), p -> new Object())) {
            replace(value);
        }
    }

    private void replace(Object value) {
        try {
            OwnerOnly.directories(path.toAbsolutePath().getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            byte[] bytes = MAPPER.writeValueAsBytes(value);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ownerOnly(tmp);
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: nothing to restrict
        }
    }
}
