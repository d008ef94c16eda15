package dev.gatehouse.emulator.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives and caches SigV4 signing keys: {@code kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region),
 * service), "aws4_request")}. The cache is bounded: when full it is emptied and refilled on demand (keys are cheap to
 * derive, and a day's worth of keys for the credentials in use fits easily).
 */
final class SigningKeys {

    static final int MAX_ENTRIES = 4096;

    private final ConcurrentHashMap<Key, byte[]> cache = new ConcurrentHashMap<>();

    byte[] signingKey(String secret, String date, String region, String service) {
        Key key = new Key(secret, date, region, service);
        byte[] cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] derived = derive(secret, date, region, service);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, derived);
        return derived;
    }

    int size() {
        return cache.size();
    }

    static byte[] derive(String secret, String date, String region, String service) {
        byte[] kDate = Hashing.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        byte[] kRegion = Hashing.hmac(kDate, region);
        byte[] kService = Hashing.hmac(kRegion, service);
        return Hashing.hmac(kService, "aws4_request");
    }

    /** Holds a secret: never printed. */
    private record Key(String secret, String date, String region, String service) {
        @Override
        public String toString() {
            return "SigningKeys.Key[" + date + "/" + region + "/" + service + "]";
        }
    }
}
