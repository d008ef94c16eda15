package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.store.JsonFile;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What the SRP sign-in shows for a username nobody has (existence errors prevented), so that it looks like a real
 * user's: a {@code USER_ID_FOR_SRP} shaped as a random (version 4) UUID like a real {@code sub}, a 128-bit salt, and a
 * verifier, all stable for a username (HMAC-SHA256 under a pool secret kept in {@code cognito/decoy-key.json} with a
 * data directory) and derived without the modular exponentiation a real verifier costs, so that the challenge takes
 * the same work as a real user's.
 */
final class DecoyUsers {
    /** On disk. */
    record Key(String key) {
        @Override
        public String toString() {
            return "Key[...]";
        }
    }

    private final byte[] key;

    DecoyUsers(Optional<Path> dataDir) {
        Optional<JsonFile> file = dataDir.map(d -> new JsonFile(d.resolve("cognito").resolve("decoy-key.json")));
        byte[] k = file.flatMap(f -> f.read(Key.class)).map(s -> Base64.getDecoder().decode(s.key())).orElse(null);
        if (k == null) {
            k = Srp.randomBytes(32);
            byte[] made = k;
            file.ifPresent(f -> f.write(new Key(Base64.getEncoder().encodeToString(made))));
        }
        this.key = k;
    }

    /** A version 4, variant 2 UUID derived from the username. */
    String userIdForSrp(String username) {
        byte[] b = Arrays.copyOf(derive("id", username), 16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong()).toString();
    }

    /** 128 bits, positive: the same shape as {@link Srp#newSalt()}. */
    BigInteger salt(String username) {
        return new BigInteger(1, Arrays.copyOf(derive("salt", username), 16));
    }

    /** A number below N standing for {@code g^x mod N}: never revealed, it only feeds {@code B = kv + g^b}. */
    BigInteger verifier(String username) {
        byte[] wide = new byte[256];
        for (int i = 0; i < wide.length; i += 32) {
            System.arraycopy(derive("v" + i, username), 0, wide, i, 32);
        }
        return new BigInteger(1, wide).mod(Srp.N);
    }

    private byte[] derive(String label, String username) {
        return Srp.hmac(key, (label + "|" + username.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
    }
}
