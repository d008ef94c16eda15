package dev.gatehouse.emulator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;

/**
 * The data directory holds secrets (password verifiers, signing keys, credentials, refresh tokens, every user's notes
 * and calls), so other local users may read none of it: directories {@code 0700}, files {@code 0600}, whatever the
 * umask. Java cannot set a umask for a library that creates its own files (DynamoDB Local's SQLite), so its files are
 * made beforehand with these modes (SQLite keeps an existing file's mode and gives its journals the same), and a data
 * directory made by an older Gatehouse is tightened at start.
 */
public final class OwnerOnly {
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} and its missing parents owner-only ({@code 0700}); an existing {@code dir} is made so. */
    public static Path directories(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir, attribute(DIRECTORY));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(dir);
                }
            }
            set(dir, DIRECTORY);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code file} empty and owner-only ({@code 0600}) if missing; an existing one is made owner-only. */
    public static Path file(Path file) {
        try {
            directories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, attribute(FILE));
            } catch (FileAlreadyExistsException exists) {
                // kept, with its mode tightened below
            } catch (UnsupportedOperationException notPosix) {
                if (!Files.exists(file)) {
                    Files.createFile(file);
                }
            }
            set(file, FILE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes {@code root} and everything under it owner-only (symbolic links are left alone, not followed). */
    public static void tree(Path root) {
        directories(root);
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    set(dir, DIRECTORY);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        set(file, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + root + " owner-only: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code bytes} to {@code file} as an owner-only ({@code 0600}) file: first under a temporary name in the
     * same directory, then renamed over {@code file} (atomically where the file system can), so that no reader ever
     * sees half a file; the temporary file is gone when this returns, written or not.
     */
    public static void replaceFile(Path file, byte[] bytes) throws IOException {
        Path tmp;
        try {
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "new-", ".tmp", attribute(FILE));
        } catch (UnsupportedOperationException notPosix) {
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "new-", ".tmp");
        }
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Whether {@code file} is a regular file (not a link) of this user with mode {@code 0600}; on a file system without
     * POSIX permissions, whether it is a regular file of this user.
     */
    public static boolean isOwnerOnlyFile(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return ownedByCurrentUser(file)
                    && Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE);
        } catch (UnsupportedOperationException notPosix) {
            return ownedByCurrentUser(file);
        }
    }

    /** Whether {@code path} (not followed if a link) belongs to the user this JVM runs as. */
    public static boolean ownedByCurrentUser(Path path) throws IOException {
        try {
            UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
            return owner.equals(path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name")));
        } catch (UserPrincipalNotFoundException unknownName) {
            return true; // a user without a name in the user database: only the permissions can be checked
        } catch (UnsupportedOperationException noOwners) {
            return true; // a file system without owners
        }
    }

    private static void set(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            if (!Files.isSymbolicLink(path) && !Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
                    .equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: nothing to restrict
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
