package dev.gatehouse.emulator.dynamodb;

import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoaderUtil;
import dev.gatehouse.emulator.store.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * DynamoDB Local's SQLite library (a native library inside its jar, 0.9 MB), kept in {@code ~/.gatehouse/native}.
 * Left to itself, DynamoDB Local copies the library into the system's temporary directory under a new name at every
 * start and deletes the copy only when the JVM exits in order: each Gatehouse killed ({@code kill -9}, an IDE's stop
 * button, a CI timeout, the OOM killer) left one behind. Here the copy is made once per library (named by its CRC-32,
 * so two Gatehouse versions never overwrite each other's), compared byte for byte with the jar's at every start and
 * replaced when it differs, and DynamoDB Local loads it from there ({@code org.sqlite.lib.path} and
 * {@code org.sqlite.lib.name}). Either property set by the user wins; any failure leaves DynamoDB Local its own way.
 */
final class SqliteLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteLibrary.class);

    private SqliteLibrary() {
    }

    /** {@code ~/.gatehouse/native}. */
    static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".gatehouse", "native");
    }

    /**
     * Points DynamoDB Local at the copy in {@code dir} (made or repaired first), unless the user set either property.
     * DynamoDB Local loads the library once per JVM, at its first start: later calls change nothing it uses.
     */
    static synchronized void useCopyIn(Path dir) {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return;
        }
        try {
            Optional<Path> copy = copyIn(dir);
            if (copy.isPresent()) {
                System.setProperty(PATH_PROPERTY, copy.get().getParent().toString());
                System.setProperty(NAME_PROPERTY, copy.get().getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("SQLite's library not kept in {} ({}): DynamoDB Local copies it to the temporary directory",
                    dir, e.toString());
        }
    }

    /**
     * The jar's library for this platform as a file in {@code dir} ({@code 0700}, the file {@code 0600}, this user's):
     * the existing copy when its bytes are the jar's, else a new one written under a temporary name and renamed (never
     * half a file). Empty when the jar has no library for this platform (DynamoDB Local then says so itself) or when
     * {@code dir} is a link or another user's (never loaded from a place someone else can change).
     */
    static Optional<Path> copyIn(Path dir) throws IOException {
        String name = SQLiteLibraryLoaderUtil.getNativeLibName();
        String resource = "/" + SQLiteLibraryLoader.class.getPackageName().replace('.', '/') + "/native/"
                + SQLiteLibraryLoaderUtil.getNativeLibFolderPathForCurrentOS() + "/" + name;
        byte[] library;
        try (InputStream in = SQLiteLibraryLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            library = in.readAllBytes();
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && (Files.isSymbolicLink(dir)
                || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !OwnerOnly.ownedByCurrentUser(dir))) {
            // whoever owns the directory could swap the library between its check and its load
            LOG.warn("{} is not a directory of this user: SQLite's library is not kept there", dir);
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        crc.update(library);
        OwnerOnly.directories(dir);
        Path copy = dir.resolve(String.format("sqlite4java-%08x-%s", crc.getValue(), name));
        if (!OwnerOnly.isOwnerOnlyFile(copy) || !Arrays.equals(Files.readAllBytes(copy), library)) {
            OwnerOnly.replaceFile(copy, library);
        }
        return Optional.of(copy);
    }
}
