package dev.gatehouse.emulator.client;

import dev.gatehouse.emulator.cognito.SpareCore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The client side of Cognito's SRP-6a variant (USER_SRP_AUTH), as amazon-cognito-identity-js computes it: the
 * password never leaves the client. One instance per sign-in attempt.
 */
public final class SrpClient {
    static final BigInteger N = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
            + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
            + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
            + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
            + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
            + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
            + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
            16);
    static final BigInteger G = BigInteger.TWO;
    static final BigInteger K = new BigInteger(hash(hexBytes(padHex(N) + padHex(G))), 16);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
            .ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int PRIVATE_VALUE_BITS = 256;

    /**
     * {@code (a, A = g^a mod N)} pairs made ahead on the spare core (one at a time: a sign-in takes one), so that a
     * sign-in's first 3072-bit power is usually done before it starts; each pair is used by one sign-in only.
     */
    private static final SpareCore.Stock<BigInteger[]> PRIVATE_VALUES =
            new SpareCore.Stock<>(1, SrpClient::newPrivateValue);

    private final String poolSuffix;
    private final BigInteger a;
    private final BigInteger bigA;

    /** @param userPoolId e.g. {@code us-east-1_AbC123}; the part after {@code _} enters the computations */
    public SrpClient(String userPoolId) {
        this.poolSuffix = userPoolId.substring(userPoolId.indexOf('_') + 1);
        BigInteger[] pair = PRIVATE_VALUES.take();
        this.a = pair[0];
        this.bigA = pair[1];
    }

    private static BigInteger[] newPrivateValue() {
        BigInteger candidateA;
        BigInteger candidateBigA;
        do {
            // 256 random bits, the least RFC 5054 asks of SRP's private values (the server's b too); the
            // JavaScript SDKs draw 1024, which the server cannot tell apart and which makes the client's two modPows
            // over the 3072-bit N about three times slower (benchmarks/PERFORMANCE.md).
            candidateA = new BigInteger(PRIVATE_VALUE_BITS, RANDOM).mod(N);
            candidateBigA = G.modPow(candidateA, N);
        } while (candidateBigA.mod(N).signum() == 0);
        return new BigInteger[] {candidateA, candidateBigA};
    }

    /** {@code SRP_A} for InitiateAuth. */
    public String srpA() {
        return bigA.toString(16);
    }

    /** The reply to the PASSWORD_VERIFIER challenge: {@code PASSWORD_CLAIM_SIGNATURE} and {@code TIMESTAMP}. */
    public Claim claim(String userIdForSrp, String password, String saltHex, String srpBHex, String secretBlock,
                       Instant now) {
        BigInteger bigB = new BigInteger(srpBHex, 16);
        if (bigB.mod(N).signum() == 0) {
            throw new IllegalStateException("the server sent an SRP_B of zero");
        }
        BigInteger u = new BigInteger(hash(hexBytes(padHex(bigA) + padHex(bigB))), 16);
        if (u.signum() == 0) {
            throw new IllegalStateException("SRP u is zero");
        }
        String userHash = hash((poolSuffix + userIdForSrp + ":" + password).getBytes(StandardCharsets.UTF_8));
        BigInteger x = new BigInteger(hash(hexBytes(padHex(new BigInteger(saltHex, 16)) + userHash)), 16);
        BigInteger s = bigB.subtract(K.multiply(G.modPow(x, N))).mod(N).modPow(a.add(u.multiply(x)), N);
        byte[] key = hkdf(hexBytes(padHex(s)), hexBytes(padHex(u)));
        String timestamp = TIMESTAMP.format(now);
        byte[] block = Base64.getDecoder().decode(secretBlock);
        Mac mac = hmac(key);
        mac.update(poolSuffix.getBytes(StandardCharsets.UTF_8));
        mac.update(userIdForSrp.getBytes(StandardCharsets.UTF_8));
        mac.update(block);
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        return new Claim(Base64.getEncoder().encodeToString(mac.doFinal()), timestamp);
    }

    public record Claim(String signature, String timestamp) {
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt) {
        byte[] prk = hmac(salt).doFinal(ikm);
        Mac mac = hmac(prk);
        mac.update("Caldera Derived Key".getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 1);
        byte[] okm = mac.doFinal();
        byte[] key = new byte[16];
        System.arraycopy(okm, 0, key, 0, 16);
        return key;
    }

    /** Hex of {@code BigInteger.toByteArray()}: even length, a leading 00 when the high bit is set. */
    static String padHex(BigInteger value) {
        String hex = value.toString(16);
        if (hex.length() % 2 == 1) {
            hex = "0" + hex;
        } else if ("89abcdef".indexOf(hex.charAt(0)) >= 0) {
            hex = "00" + hex;
        }
        return hex;
    }

    static byte[] hexBytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hash(byte[] data) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            return hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
