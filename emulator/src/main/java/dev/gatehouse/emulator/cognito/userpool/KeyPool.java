package dev.gatehouse.emulator.cognito.userpool;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.gatehouse.emulator.store.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * RSA signing keys made ahead of the starts that use them, so that a start does not spend its time generating two
 * 2048-bit keys (most of a start's CPU on two cores). Each key is one owner-only file ({@code 0600}) in an owner-only
 * directory ({@code 0700}, by default {@code ~/.gatehouse/keys}); a start <em>takes</em> a key by renaming its file
 * (atomic, so two starts never share one) and deletes it at once: a key is used by one run only, and a new run's user
 * pool never accepts an earlier run's tokens. A running Gatehouse refills the pool on one background thread after its
 * ready line. A file that is not a regular owner-only file of this user is never used (it is deleted).
 */
public final class KeyPool {
    private static final Logger LOG = LoggerFactory.getLogger(KeyPool.class);
    /** Keys kept ahead: two starts' worth (each start takes the user pool's two). */
    public static final int DEFAULT_SIZE = 4;
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final String SUFFIX = ".jwk";
    private static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private final Path dir;
    private final int size;
    private volatile boolean stopped;
    private volatile CompletableFuture<Void> refill = CompletableFuture.completedFuture(null);

    public KeyPool(Path dir, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 or more, got " + size);
        }
        this.dir = dir;
        this.size = size;
    }

    /** {@code ~/.gatehouse/keys}, the pool {@code ./gatehouse start} uses. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".gatehouse", "keys");
    }

    public Path directory() {
        return dir;
    }

    /** Takes one key out of the pool (its file is gone when this returns), or empty when the pool has none. */
    public Optional<RSAKey> take() {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !ownedDirectory()) {
                return Optional.empty();
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                for (Path file : files) {
                    Optional<RSAKey> key = claim(file);
                    if (key.isPresent()) {
                        return key;
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("key pool {}: {}; generating this run's keys instead", dir, e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<RSAKey> claim(Path file) {
        Path taken = dir.resolve(file.getFileName() + ".taken-" + UUID.randomUUID());
        try {
            Files.move(file, taken, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException | FileAlreadyExistsException takenByAnother) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("key pool {}: cannot take {}: {}", dir, file.getFileName(), e.getMessage());
            return Optional.empty();
        }
        try {
            if (!OwnerOnly.isOwnerOnlyFile(taken)) {
                LOG.warn("key pool {}: {} is not an owner-only file of this user: deleted, not used", dir,
                        file.getFileName());
                return Optional.empty();
            }
            return Optional.of(RSAKey.parse(Files.readString(taken, StandardCharsets.UTF_8)));
        } catch (IOException | ParseException e) {
            LOG.warn("key pool {}: {} is not a key ({}): deleted", dir, file.getFileName(), e.getMessage());
            return Optional.empty();
        } finally {
            try {
                Files.deleteIfExists(taken);
            } catch (IOException e) {
                LOG.warn("key pool {}: cannot delete {}: {}", dir, taken.getFileName(), e.getMessage());
            }
        }
    }

    /** How many keys the pool holds now. */
    public int available() {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            int n = 0;
            for (Path ignored : files) {
                n++;
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Starts filling the pool up to its size on one background thread (the other core stays free for calls), unless a
     * fill is already running; {@link #refilled()} completes when it is done.
     */
    public synchronized CompletableFuture<Void> refillInBackground() {
        stopped = false;
        if (!refill.isDone()) {
            return refill;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        refill = done;
        Thread t = new Thread(() -> {
            try {
                fill();
                done.complete(null);
            } catch (Throwable e) {
                LOG.warn("key pool {}: refill failed: {}", dir, e.toString());
                done.completeExceptionally(e);
            }
        }, "key-pool-refill");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** The latest refill (completed at once when none ran). */
    public CompletableFuture<Void> refilled() {
        return refill;
    }

    /** No further keys are made until the next refill (a key being made is still kept: it is new and unused). */
    public void stop() {
        stopped = true;
    }

    /** Fills the pool up to its size on the calling thread. */
    void fill() throws IOException, JOSEException {
        if (size == 0) {
            return;
        }
        ownerOnlyDirectories();
        if (!ownedDirectory()) {
            throw new IOException(dir + " does not belong to this user");
        }
        removeLeftovers();
        while (!stopped && available() < size) {
            add(generate());
        }
    }

    /** Writes {@code key} owner-only under a temporary name, then renames it into the pool (never half a file). */
    void add(RSAKey key) throws IOException {
        OwnerOnly.replaceFile(dir.resolve(UUID.randomUUID() + SUFFIX),
                key.toJSONString().getBytes(StandardCharsets.UTF_8));
    }

    /** A crashed start's taken file or a crashed refill's temporary file, old enough not to be in use. */
    private void removeLeftovers() throws IOException {
        Instant before = Instant.now().minus(LEFTOVER_AGE);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if ((name.contains(".taken-") || name.endsWith(".tmp"))
                        && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void ownerOnlyDirectories() throws IOException {
        for (Path d : new Path[] {dir.toAbsolutePath().getParent(), dir}) {
            if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(d, PosixFilePermissions.asFileAttribute(DIRECTORY));
                } catch (FileAlreadyExistsException raced) {
                    // made meanwhile by another Gatehouse
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(d);
                }
            }
        }
    }

    /** The pool directory is a real directory of this user, and made owner-only ({@code 0700}). */
    private boolean ownedDirectory() throws IOException {
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            if (!OwnerOnly.ownedByCurrentUser(dir)) {
                LOG.warn("key pool {} belongs to {}, not to this user: not used", dir,
                        Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName());
                return false;
            }
            if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(DIRECTORY)) {
                Files.setPosixFilePermissions(dir, DIRECTORY);
            }
        } catch (UnsupportedOperationException notPosix) {
            // no POSIX permissions on this file system: nothing to check
        }
        return true;
    }

    /** A new 2048-bit RS256 signing key, its {@code kid} its thumbprint. */
    static RSAKey generate() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        return new RSAKey.Builder(key).keyIDFromThumbprint().build();
    }
}
