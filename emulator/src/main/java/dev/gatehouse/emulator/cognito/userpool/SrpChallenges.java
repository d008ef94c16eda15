package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.cognito.SpareCore;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PASSWORD_VERIFIER challenges waiting for their answer. The {@code SECRET_BLOCK} a client gets is
 * {@code base64(version || challengeId || issuedAt || userIdForSrp || HMAC-SHA256(serverKey, all before))}: it cannot be
 * forged or altered, and it names server-side state ({@code b}, {@code B}, {@code A}, the verifier) that is used at most
 * once, expires after {@link #LIFETIME}, and is bounded to {@link #MAX_PENDING} entries (oldest dropped first).
 */
final class SrpChallenges {
    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_PENDING = 10_000;
    private static final byte VERSION = 1;
    private static final int ID_LENGTH = 16;
    private static final int MAC_LENGTH = 32;

    /**
     * @param sub  the user the challenge was issued for, or null when the username is unknown (the challenge is then a
     *             decoy that always fails, so sign-in does not reveal whether a user exists)
     */
    record Pending(String userIdForSrp, String sub, BigInteger bigA, BigInteger bigB, Instant issuedAt,
                   SpareCore.Work<byte[]> key) {
        /**
         * A challenge whose password authentication key ({@link Srp#passwordAuthenticationKey}, the answer's costly
         * part) starts now on the {@link SpareCore}, while the client computes its side; {@code b} and the verifier
         * {@code v} are held by that work only.
         */
        static Pending of(String userIdForSrp, String sub, BigInteger bigA, BigInteger b, BigInteger bigB,
                          BigInteger v, Instant issuedAt) {
            return new Pending(userIdForSrp, sub, bigA, bigB, issuedAt,
                    SpareCore.start(() -> Srp.passwordAuthenticationKey(bigA, v, b, bigB)));
        }

        @Override
        public String toString() {
            return "Pending[" + userIdForSrp + "]";
        }
    }

    /** A challenge found by its secret block, with the block's bytes (they are part of the signed message). */
    record Found(Pending pending, byte[] secretBlock) {
    }

    private final byte[] serverKey = Srp.randomBytes(32);
    private final Map<String, Pending> pending = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
            return size() > MAX_PENDING;
        }
    };

    /** Stores a challenge and returns its SECRET_BLOCK (base64). */
    synchronized String open(Pending p) {
        byte[] id = Srp.randomBytes(ID_LENGTH);
        byte[] user = p.userIdForSrp().getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(1 + ID_LENGTH + 8 + user.length);
        body.put(VERSION).put(id).putLong(p.issuedAt().getEpochSecond()).put(user);
        byte[] mac = Srp.hmac(serverKey, body.array());
        byte[] block = ByteBuffer.allocate(body.capacity() + MAC_LENGTH).put(body.array()).put(mac).array();
        pending.put(HexFormat.of().formatHex(id), p);
        return Base64.getEncoder().encodeToString(block);
    }

    /**
     * Takes (removes) the challenge a SECRET_BLOCK names, if the block is authentic, not expired, and still pending.
     * A second answer to the same challenge finds nothing.
     */
    synchronized Optional<Found> take(String secretBlock, Instant now) {
        byte[] block;
        try {
            block = Base64.getDecoder().decode(secretBlock);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (block.length < 1 + ID_LENGTH + 8 + MAC_LENGTH || block[0] != VERSION) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOfRange(block, 0, block.length - MAC_LENGTH);
        byte[] mac = Arrays.copyOfRange(block, block.length - MAC_LENGTH, block.length);
        if (!MessageDigest.isEqual(mac, Srp.hmac(serverKey, body))) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(body, 1, body.length - 1);
        byte[] id = new byte[ID_LENGTH];
        in.get(id);
        Instant issuedAt = Instant.ofEpochSecond(in.getLong());
        Pending p = pending.remove(HexFormat.of().formatHex(id));
        if (p == null || !now.isBefore(issuedAt.plus(LIFETIME))
                || issuedAt.getEpochSecond() != p.issuedAt().getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new Found(p, block));
    }
}
