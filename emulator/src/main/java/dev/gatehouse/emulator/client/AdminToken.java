package dev.gatehouse.emulator.client;

import dev.gatehouse.emulator.store.OwnerOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The admin token of a running Gatehouse: 256 random bits made at start, required by every {@code /_gatehouse/*}
 * endpoint but {@code GET /_gatehouse/health} (as Jupyter's). The server writes it to a file only its user can read,
 * {@code ~/.gatehouse/run/<port>.token} (directory 0700, file 0600), and removes it when it stops; a client on the same
 * machine finds it there by the port it calls, unless {@value #ENVIRONMENT} gives it.
 */
public final class AdminToken {
    /** The environment variable (or JVM system property {@code gatehouse.adminToken}) that overrides the file. */
    public static final String ENVIRONMENT = "GATEHOUSE_ADMIN_TOKEN";
    public static final String HEADER = "X-Gatehouse-Token";
    public static final String COOKIE = "gatehouse_token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private AdminToken(String value) {
        this.value = value;
    }

    /** A new token: 32 random bytes, base64url without padding (43 characters). */
    public static AdminToken random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public String value() {
        return value;
    }

    /** Constant-time comparison with what a caller sent (null or blank never matches). */
    public boolean matches(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }

    /** {@code ~/.gatehouse/run}: where running Gatehouses keep their tokens. */
    public static Path runDirectory() {
        return Path.of(System.getProperty("user.home"), ".gatehouse", "run");
    }

    /** The token file of the Gatehouse on {@code port}. */
    public static Path fileFor(int port) {
        return runDirectory().resolve(port + ".token");
    }

    /**
     * Writes this token to {@link #fileFor(int) the port's file}: the directories made owner-only (0700), the file
     * written owner-only (0600) and renamed into place. Refuses a run directory another user owns.
     */
    public Path writeFor(int port) {
        Path dir = runDirectory();
        Path file = fileFor(port);
        try {
            ownerOnlyDirectory(dir.getParent());
            ownerOnlyDirectory(dir);
            OwnerOnly.replaceFile(file, (value + "\n").getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the port's token file if it still holds this token (a later Gatehouse on the port may own it). */
    public void removeFor(int port) {
        Path file = fileFor(port);
        try {
            if (Files.exists(file) && matches(Files.readString(file, StandardCharsets.UTF_8).strip())) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // already gone, or unreadable: nothing of ours to remove
        }
    }

    /**
     * The token a client should send to the Gatehouse at {@code endpoint}: {@value #ENVIRONMENT} (or the system
     * property {@code gatehouse.adminToken}) if set, else the token file of the endpoint's port.
     */
    public static Optional<String> find(URI endpoint) {
        String given = System.getProperty("gatehouse.adminToken");
        if (given == null || given.isBlank()) {
            given = System.getenv(ENVIRONMENT);
        }
        if (given != null && !given.isBlank()) {
            return Optional.of(given.strip());
        }
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        Path file = fileFor(port);
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    .filter(s -> !s.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Why no token was found for {@code endpoint}, for an error message. */
    public static String notFound(URI endpoint) {
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : 80;
        return "no admin token for " + endpoint + ": " + fileFor(port) + " does not exist (is a Gatehouse running on "
                + "port " + port + " as this user?); set " + ENVIRONMENT + " to the token the start-up banner printed";
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // made meanwhile by another Gatehouse: checked below
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(dir);
                return;
            }
        }
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        try {
            UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal me;
            try {
                me = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(System.getProperty("user.name"));
            } catch (java.nio.file.attribute.UserPrincipalNotFoundException unknownName) {
                me = owner;  // a user without a name in the user database: only the permissions can be set
            }
            if (!owner.equals(me)) {
                throw new IOException(dir + " belongs to " + owner.getName() + ", not to " + me.getName());
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // no POSIX permissions on this file system: nothing to restrict
        }
    }
}
