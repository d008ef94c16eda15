package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.cognito.SpareCore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The server side of Cognito's SRP-6a variant (amazon-cognito-identity-js {@code AuthenticationHelper}): the 3072-bit
 * group of RFC 5054, {@code g = 2}, SHA-256, {@code padHex} = the hex of {@code BigInteger.toByteArray()}.
 */
final class Srp {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final BigInteger N = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
                    + "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
                    + "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
                    + "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                    + "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
                    + "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                    + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
                    + "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                    + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
                    + "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
                    + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
                    + "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
                    + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
                    + "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF", 16);
    static final BigInteger G = BigInteger.TWO;
    static final BigInteger K = hashToInt(padHex(N) + padHex(G));

    private Srp() {
    }

    static String padHex(BigInteger value) {
        return HexFormat.of().formatHex(value.toByteArray());
    }

    /** {@code H(bytes of hex)} as a non-negative integer. */
    static BigInteger hashToInt(String hex) {
        return new BigInteger(1, sha256(HEX.parseHex(hex)));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random salt (128 bits, positive). */
    static BigInteger newSalt() {
        return new BigInteger(1, randomBytes(16));
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** {@code x = H(padHex(salt) || H(poolSuffix + userIdForSrp + ":" + password))}. */
    static BigInteger x(BigInteger salt, String poolSuffix, String userIdForSrp, String password) {
        byte[] inner = sha256((poolSuffix + userIdForSrp + ":" + password).getBytes(StandardCharsets.UTF_8));
        return hashToInt(padHex(salt) + HEX.formatHex(inner));
    }

    /** {@code v = g^x mod N}. */
    static BigInteger verifier(BigInteger salt, String poolSuffix, String userIdForSrp, String password) {
        return G.modPow(x(salt, poolSuffix, userIdForSrp, password), N);
    }

    /** A server ephemeral pair: {@code b} random, {@code B = (k·v + g^b) mod N}, never 0 mod N. */
    record ServerEphemeral(BigInteger b, BigInteger B) {
    }

    static ServerEphemeral serverEphemeral(BigInteger v) {
        while (true) {
            BigInteger[] pair = EPHEMERALS.take();
            BigInteger bigB = K.multiply(v).add(pair[1]).mod(N);
            if (bigB.signum() != 0) {
                return new ServerEphemeral(pair[0], bigB);
            }
        }
    }

    /**
     * {@code (b, g^b mod N)} pairs for the server ephemerals of every user pool in this JVM, made ahead on the spare
     * core (two: a sign-in takes one), so that InitiateAuth's 3072-bit power is usually done before the call comes.
     */
    static final SpareCore.Stock<BigInteger[]> EPHEMERALS = new SpareCore.Stock<>(2, Srp::newGToTheB);

    /** A fresh {@code (b, g^b mod N)}: {@code b} 256 random bits, the power the 3072-bit group's costliest step. */
    static BigInteger[] newGToTheB() {
        BigInteger b = new BigInteger(1, randomBytes(32));
        return new BigInteger[] {b, G.modPow(b, N)};
    }

    /** {@code u = H(padHex(A) || padHex(B))}. */
    static BigInteger u(BigInteger a, BigInteger b) {
        return hashToInt(padHex(a) + padHex(b));
    }

    /**
     * The 16-byte key both sides derive: {@code S = (A·v^u)^b mod N}, then HKDF with salt {@code padHex(u)}, input
     * {@code padHex(S)} and info {@code "Caldera Derived Key" || 0x01}.
     */
    static byte[] passwordAuthenticationKey(BigInteger bigA, BigInteger v, BigInteger b, BigInteger bigB) {
        BigInteger u = u(bigA, bigB);
        BigInteger s = bigA.multiply(v.modPow(u, N)).modPow(b, N);
        byte[] prk = hmac(HEX.parseHex(padHex(u)), HEX.parseHex(padHex(s)));
        byte[] okm = hmac(prk, "Caldera Derived Key".getBytes(StandardCharsets.UTF_8), new byte[]{1});
        byte[] key = new byte[16];
        System.arraycopy(okm, 0, key, 0, 16);
        return key;
    }

    /** {@code Base64(HMAC(key, poolSuffix || userIdForSrp || secretBlock || timestamp))}, as raw bytes. */
    static byte[] claimSignature(byte[] key, String poolSuffix, String userIdForSrp, byte[] secretBlock,
                                 String timestamp) {
        return hmac(key, poolSuffix.getBytes(StandardCharsets.UTF_8), userIdForSrp.getBytes(StandardCharsets.UTF_8),
                secretBlock, timestamp.getBytes(StandardCharsets.UTF_8));
    }
}
