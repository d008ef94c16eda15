package dev.gatehouse.emulator.iam;

import java.security.SecureRandom;
import java.util.Base64;

/** Random key material shaped like STS's: {@code ASIA} access key ids, 40-character secrets, opaque session tokens. */
final class KeyMaterial {
    private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final int SESSION_TOKEN_BYTES = 300;
    private final SecureRandom random = new SecureRandom();

    /** {@code ASIA} and 16 upper-case letters or digits: 20 characters, as STS issues. */
    String accessKeyId() {
        return "ASIA" + randomString(KEY_ID_ALPHABET, 16);
    }

    String secretAccessKey() {
        return randomString(SECRET_ALPHABET, 40);
    }

    /** Base64 of random bytes (400 characters), opaque to clients as STS's tokens are. */
    String sessionToken() {
        byte[] bytes = new byte[SESSION_TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String randomString(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
