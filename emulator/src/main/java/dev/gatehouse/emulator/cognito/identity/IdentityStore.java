package dev.gatehouse.emulator.cognito.identity;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.store.JsonFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identities of one identity pool. An authenticated identity's id is derived from (pool, provider, sub) by a
 * name-based UUID, so a user keeps one identity id across sign-ins and restarts even without a data directory. With a
 * data directory, every new identity is written to {@code <dataDir>/cognito-identity/identities.json} before it is
 * returned.
 */
final class IdentityStore {
    /** One identity as stored: provider and sub are null for a guest identity. */
    record Identity(String identityId, String providerName, String userPoolSub, Instant created) {
    }

    private static final TypeReference<List<Identity>> LIST = new TypeReference<>() { };

    private final String identityPoolId;
    private final String region;
    private final Clock clock;
    private final Optional<JsonFile> file;
    private final Map<String, Identity> identities = new ConcurrentHashMap<>();

    IdentityStore(String identityPoolId, Clock clock, Optional<Path> dataDir) {
        this.identityPoolId = identityPoolId;
        this.region = identityPoolId.substring(0, identityPoolId.indexOf(':'));
        this.clock = clock;
        this.file = dataDir.map(dir -> new JsonFile(dir.resolve("cognito-identity").resolve("identities.json")));
        file.flatMap(f -> f.<List<Identity>>read(JsonFile.MAPPER.getTypeFactory().constructType(LIST)))
                .ifPresent(list -> list.forEach(i -> identities.put(i.identityId(), i)));
    }

    /** The identity id a user pool user has (or will get at its first GetId): derived, nothing is stored. */
    String authenticatedId(String providerName, String sub) {
        String name = identityPoolId + "\n" + providerName + "\n" + sub;
        return region + ":" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The identity of a user pool user, created on first use. */
    CognitoIdentity authenticated(String providerName, String sub) {
        String id = authenticatedId(providerName, sub);
        Identity identity = identities.get(id);
        if (identity == null) {
            identity = add(new Identity(id, providerName, sub, clock.instant()));
        }
        return toCognitoIdentity(identity);
    }

    /** A new guest identity (each unauthenticated GetId creates one, as AWS does). */
    CognitoIdentity newGuest() {
        return toCognitoIdentity(add(new Identity(region + ":" + UUID.randomUUID(), null, null, clock.instant())));
    }

    Optional<CognitoIdentity> find(String identityId) {
        return Optional.ofNullable(identities.get(identityId)).map(this::toCognitoIdentity);
    }

    private Identity add(Identity identity) {
        Identity existing = identities.putIfAbsent(identity.identityId(), identity);
        if (existing != null) {
            return existing;
        }
        file.ifPresent(f -> {
            synchronized (this) {
                f.write(new ArrayList<>(identities.values()));
            }
        });
        return identity;
    }

    private CognitoIdentity toCognitoIdentity(Identity identity) {
        return new CognitoIdentity(identity.identityId(), identityPoolId, identity.providerName(),
                identity.userPoolSub());
    }
}
