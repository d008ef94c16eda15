package dev.gatehouse.emulator.cognito.userpool;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A client side of Cognito's SRP written from the protocol notes only (shares no code with the server): A, u, x, S,
 * the HKDF and the PASSWORD_CLAIM_SIGNATURE, as amazon-cognito-identity-js computes them.
 */
final class TestSrpClient {
    private static final String N_HEX = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B2251"
            + "4A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F4"
            + "06B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83"
            + "655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C18"
            + "0E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD"
            + "33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A"
            + "25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208"
            + "E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";
    static final BigInteger N = new BigInteger(N_HEX, 16);
    static final BigInteger g = BigInteger.valueOf(2);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);

    final BigInteger a;
    final BigInteger A;
    private final String poolName;

    TestSrpClient(String userPoolId) {
        this.poolName = userPoolId.split("_")[1];
        byte[] random = new byte[128];
        new SecureRandom().nextBytes(random);
        this.a = new BigInteger(1, random).mod(N);
        this.A = g.modPow(a, N);
    }

    String srpA() {
        return A.toString(16);
    }

    /** The PASSWORD_CLAIM_SIGNATURE for a PASSWORD_VERIFIER challenge. */
    String signature(String userIdForSrp, String password, String saltHex, String srpBHex, String secretBlock,
                     String timestamp) throws Exception {
        BigInteger B = new BigInteger(srpBHex, 16);
        BigInteger salt = new BigInteger(saltHex, 16);
        if (B.mod(N).signum() == 0) {
            throw new IllegalStateException("B mod N is zero");
        }
        BigInteger k = new BigInteger(1, sha256(unhex(padHex(N) + padHex(g))));
        BigInteger u = new BigInteger(1, sha256(unhex(padHex(A) + padHex(B))));
        String userPasswordHash = HexFormat.of().formatHex(
                sha256((poolName + userIdForSrp + ":" + password).getBytes(StandardCharsets.UTF_8)));
        BigInteger x = new BigInteger(1, sha256(unhex(padHex(salt) + userPasswordHash)));
        BigInteger base = B.subtract(k.multiply(g.modPow(x, N))).mod(N);
        BigInteger S = base.modPow(a.add(u.multiply(x)), N);
        byte[] prk = hmacSha256(unhex(padHex(u)), unhex(padHex(S)));
        byte[] info = "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8);
        byte[] hkdf = java.util.Arrays.copyOf(hmacSha256(prk, info), 16);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(hkdf, "HmacSHA256"));
        mac.update(poolName.getBytes(StandardCharsets.UTF_8));
        mac.update(userIdForSrp.getBytes(StandardCharsets.UTF_8));
        mac.update(Base64.getDecoder().decode(secretBlock));
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal());
    }

    static String timestamp(Instant now) {
        return DATE.format(now);
    }

    /** Hex of a positive number: even length, a leading 00 when the top bit is set. */
    static String padHex(BigInteger n) {
        String hex = n.toString(16);
        if (hex.length() % 2 == 1) {
            return "0" + hex;
        }
        return "89abcdef".indexOf(hex.charAt(0)) >= 0 ? "00" + hex : hex;
    }

    private static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static byte[] hmacSha256(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
