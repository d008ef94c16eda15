package dev.gatehouse.emulator.cognito.userpool;

import java.math.BigInteger;
import java.security.MessageDigest;

/** A password as the pool stores it: SRP salt and verifier, in hex. Never the password itself. */
record PasswordVerifier(String salt, String verifier) {

    static PasswordVerifier of(String poolSuffix, String sub, String password) {
        BigInteger salt = Srp.newSalt();
        BigInteger v = Srp.verifier(salt, poolSuffix, sub, password);
        return new PasswordVerifier(salt.toString(16), v.toString(16));
    }

    /** Recomputes {@code v} from the password and compares in constant time. */
    static boolean matches(StoredUser user, String poolSuffix, String password) {
        if (user.salt() == null || user.verifier() == null) {
            return false;
        }
        BigInteger v = Srp.verifier(new BigInteger(user.salt(), 16), poolSuffix, user.sub(), password);
        return MessageDigest.isEqual(v.toByteArray(), new BigInteger(user.verifier(), 16).toByteArray());
    }

    @Override
    public String toString() {
        return "PasswordVerifier[...]";
    }
}
