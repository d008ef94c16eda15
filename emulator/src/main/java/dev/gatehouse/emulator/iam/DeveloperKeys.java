package dev.gatehouse.emulator.iam;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.store.JsonFile;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The developer's long-term keys (an IAM user's, which sign the user pool's {@code Admin*} operations): the ones the
 * configuration gives, when its author wrote them there; otherwise random, made once per data directory (kept in
 * {@code <dataDir>/iam/developer.json}, owner-only) or once per start in memory. Published keys in a shared fixture
 * would let any web page that knows them administer the user pool. {@code ./gatehouse credentials --developer}
 * prints them, through the admin door.
 */
public final class DeveloperKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private DeveloperKeys() {
    }

    /** @param configured the configuration's {@code developer} block (may be null, or without keys) */
    public static GatehouseConfig.Developer resolve(GatehouseConfig.Developer configured, Optional<Path> dataDir) {
        String userName = configured == null || configured.userName() == null ? "gatehouse-developer"
                : configured.userName();
        String userId = configured == null || configured.iamUserId() == null ? "AIDAGATEHOUSEDEVELOPR"
                : configured.iamUserId();
        if (configured != null && configured.accessKeyId() != null && configured.secretAccessKey() != null) {
            return configured;
        }
        Optional<JsonFile> file = dataDir.map(d -> new JsonFile(d.resolve("iam").resolve("developer.json")));
        Optional<Keys> kept = file.flatMap(f -> f.read(Keys.class));
        Keys keys = kept.orElseGet(DeveloperKeys::random);
        if (kept.isEmpty()) {
            file.ifPresent(f -> f.write(keys));
        }
        return new GatehouseConfig.Developer(userName, userId, keys.accessKeyId(), keys.secretAccessKey());
    }

    /** The two values kept per data directory. */
    public record Keys(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Keys[" + accessKeyId + "]";
        }
    }

    static Keys random() {
        return new Keys("AKIA" + randomText(KEY_ALPHABET, 16), randomText(SECRET_ALPHABET, 40));
    }

    private static String randomText(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
