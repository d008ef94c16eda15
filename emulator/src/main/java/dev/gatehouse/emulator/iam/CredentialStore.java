package dev.gatehouse.emulator.iam;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.store.JsonFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials Gatehouse knows: the temporary ones it issued for identity pool roles, and the developer's long-term
 * keys. Lookups read a concurrent map; with a data directory every change is written to
 * {@code <dataDir>/iam/credentials.json} (atomically) before it returns, so issued credentials survive a restart or a
 * crash until they expire. Expired credentials are kept (the verifier reports them as expired) and dropped
 * {@link #PURGE_AFTER} after their expiry.
 */
public final class CredentialStore implements CredentialsLookup {
    /** How long expired credentials are still found, so a late caller hears "expired" rather than "invalid". */
    public static final Duration PURGE_AFTER = Duration.ofHours(12);

    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);
    private static final TypeReference<List<StoredCredentials>> STORED_LIST = new TypeReference<>() { };

    private final Clock clock;
    private final Optional<JsonFile> file;
    private final KeyMaterial keys = new KeyMaterial();
    private final Map<String, Credentials> temporary = new ConcurrentHashMap<>();
    private final Map<String, Credentials> longTerm = new ConcurrentHashMap<>();
    private final Map<String, Instant> issuedAt = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    /** @param dataDir where to persist issued credentials; empty keeps them in memory only */
    public CredentialStore(Clock clock, Optional<Path> dataDir) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.file = dataDir.map(dir -> new JsonFile(dir.resolve("iam").resolve("credentials.json")));
        file.flatMap(f -> f.<List<StoredCredentials>>read(JsonFile.MAPPER.getTypeFactory().constructType(STORED_LIST)))
                .ifPresent(list -> list.forEach(s -> temporary.put(s.accessKeyId(), s.toCredentials())));
        if (!temporary.isEmpty()) {
            LOG.info("Loaded {} temporary credentials from {}", temporary.size(), file.get().path());
        }
    }

    /** Makes the developer's long-term keys (an IAM user's) known, so they can sign requests. */
    public Credentials registerDeveloper(String accountId, GatehouseConfig.Developer developer) {
        Credentials credentials = new Credentials(developer.accessKeyId(), developer.secretAccessKey(), null, null,
                new Principal.IamUser(accountId, developer.userName(), developer.iamUserId()));
        longTerm.put(credentials.accessKeyId(), credentials);
        return credentials;
    }

    /** Issues temporary credentials for {@code role}, valid from now (by the clock) for {@code lifetime}. */
    public Credentials issue(Principal.AssumedRole role, Duration lifetime) {
        Objects.requireNonNull(role, "role");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        // Whole seconds: the identity pool answers the expiration in epoch seconds, so the client sees it exactly.
        Instant expiration = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(lifetime);
        Credentials credentials = new Credentials(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken(),
                expiration, role);
        temporary.put(credentials.accessKeyId(), credentials);
        issuedAt.put(credentials.accessKeyId(), clock.instant());
        purgeAndPersist();
        return credentials;
    }

    /** Temporary credentials (expired ones too, until purged) or long-term ones; empty for an unknown key id. */
    @Override
    public Optional<Credentials> find(String accessKeyId) {
        if (accessKeyId == null) {
            return Optional.empty();
        }
        Credentials found = temporary.get(accessKeyId);
        return Optional.ofNullable(found != null ? found : longTerm.get(accessKeyId));
    }

    /**
     * Makes every unexpired credential of one identity expire now (an administrator's control, to reproduce an
     * expiry without waiting). Returns how many were changed.
     */
    public int expireAll(String identityId) {
        Instant now = clock.instant();
        int changed = 0;
        for (Credentials c : temporary.values()) {
            CognitoIdentity identity = ((Principal.AssumedRole) c.principal()).identity();
            if (identity != null && identity.identityId().equals(identityId) && !c.expiredAt(now)) {
                temporary.put(c.accessKeyId(), new Credentials(c.accessKeyId(), c.secretAccessKey(),
                        c.sessionToken(), now, c.principal()));
                changed++;
            }
        }
        if (changed > 0) {
            purgeAndPersist();
        }
        return changed;
    }

    /** An identity's temporary credentials (expired ones too, until purged), newest expiry first. */
    public List<Credentials> issuedTo(String identityId) {
        List<Credentials> out = new ArrayList<>();
        for (Credentials c : temporary.values()) {
            CognitoIdentity identity = ((Principal.AssumedRole) c.principal()).identity();
            if (identity != null && identity.identityId().equals(identityId)) {
                out.add(c);
            }
        }
        out.sort(java.util.Comparator.comparing(Credentials::expiration).reversed());
        return out;
    }

    /** When credentials were issued, if by this Gatehouse since it started (not kept across restarts). */
    public Optional<Instant> issuedAt(String accessKeyId) {
        return Optional.ofNullable(issuedAt.get(accessKeyId));
    }

    /** The temporary credentials currently held (expired ones included until purged). */
    public int size() {
        return temporary.size();
    }

    private void purgeAndPersist() {
        Instant purgeBefore = clock.instant().minus(PURGE_AFTER);
        temporary.values().removeIf(c -> c.expiration().isBefore(purgeBefore));
        issuedAt.keySet().retainAll(temporary.keySet());
        if (file.isEmpty()) {
            return;
        }
        synchronized (writeLock) {
            // The snapshot is taken under the lock, so the last write on disk holds every credential issued before it.
            List<StoredCredentials> snapshot = new ArrayList<>(temporary.size());
            temporary.values().forEach(c -> snapshot.add(StoredCredentials.of(c)));
            file.get().write(snapshot);
        }
    }
}
