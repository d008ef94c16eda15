package dev.gatehouse.emulator.cognito.userpool;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.gatehouse.emulator.store.JsonFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The pool's two RS256 signing keys (ID tokens, access tokens), with different {@code kid}s. They are loaded or
 * generated on a background thread started by the constructor; {@link #get()} blocks only until they exist. With a data
 * directory they are kept in {@code cognito/user-pool-keys.json}, so tokens survive a restart. New keys come from the
 * {@link KeyPool} when there is one and it has keys (each used by this run only), else they are generated.
 */
final class SigningKeys {
    record Pair(RSAKey idKey, RSAKey accessKey) {
        JWKSet publicSet() {
            return new JWKSet(List.<JWK>of(idKey.toPublicJWK(), accessKey.toPublicJWK()));
        }
    }

    private volatile CompletableFuture<Pair> keys;
    private final Optional<Path> file;

    SigningKeys(Optional<Path> dataDir) {
        this(dataDir, Optional.empty());
    }

    SigningKeys(Optional<Path> dataDir, Optional<KeyPool> pool) {
        Optional<Path> file = dataDir.map(d -> d.resolve("cognito").resolve("user-pool-keys.json"));
        this.file = file;
        CompletableFuture<Pair> keys = new CompletableFuture<>();
        this.keys = keys;
        Thread t = new Thread(() -> {
            try {
                keys.complete(loadOrGenerate(file, pool));
            } catch (Throwable e) {
                keys.completeExceptionally(e);
            }
        }, "user-pool-keys");
        t.setDaemon(true);
        t.start();
    }

    Pair get() {
        try {
            return keys.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the user pool's signing keys", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the user pool's signing keys are unavailable: " + e.getCause(), e);
        }
    }

    /**
     * Replaces both keys with new ones (kept in the data directory when there is one): tokens signed with the old keys
     * no longer verify.
     */
    synchronized void rotate() {
        get();
        try {
            Pair pair = new Pair(generate(), generate());
            if (file.isPresent()) {
                save(file.get(), pair);
            }
            keys = CompletableFuture.completedFuture(pair);
        } catch (JOSEException | java.io.UncheckedIOException e) {
            throw new IllegalStateException("cannot rotate the user pool's signing keys: " + e.getMessage(), e);
        }
    }

    private static Pair loadOrGenerate(Optional<Path> file, Optional<KeyPool> pool)
            throws IOException, JOSEException, ParseException {
        if (file.isPresent() && Files.exists(file.get())) {
            JWKSet set = JWKSet.parse(Files.readString(file.get()));
            List<JWK> keys = set.getKeys();
            if (keys.size() != 2) {
                throw new IOException(file.get() + ": expected two keys, found " + keys.size());
            }
            return new Pair(keys.get(0).toRSAKey(), keys.get(1).toRSAKey());
        }
        Optional<RSAKey> pooledId = pool.flatMap(KeyPool::take);
        Optional<RSAKey> pooledAccess = pooledId.isPresent() ? pool.flatMap(KeyPool::take) : Optional.empty();
        // Keys the pool lacks are generated, two in parallel: on two cores, start-up waits for one key instead of two.
        CompletableFuture<RSAKey> accessKey = pooledAccess.map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return generate();
                    } catch (JOSEException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        Pair pair = new Pair(pooledId.isPresent() ? pooledId.get() : generate(), accessKey.join());
        if (file.isPresent()) {
            save(file.get(), pair);
        }
        return pair;
    }

    /** Both private keys, in the data directory (atomically, owner-only, as every state file). */
    private static void save(Path file, Pair pair) {
        new JsonFile(file).write(new JWKSet(List.<JWK>of(pair.idKey(), pair.accessKey())).toJSONObject(false));
    }

    private static RSAKey generate() throws JOSEException {
        return KeyPool.generate();
    }
}
