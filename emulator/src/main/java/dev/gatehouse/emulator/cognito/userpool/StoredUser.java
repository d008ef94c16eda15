package dev.gatehouse.emulator.cognito.userpool;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user as the pool keeps it. The password exists only as its SRP salt and verifier ({@code v = g^x mod N}).
 *
 * @param sub        the user's internal username (Cognito's {@code Username} when email is the sign-in alias)
 * @param attributes every attribute except {@code sub}, e.g. {@code email}, {@code email_verified}
 * @param status     {@code UNCONFIRMED}, {@code CONFIRMED} or {@code FORCE_CHANGE_PASSWORD}
 * @param salt       hex, as sent in {@code SALT}
 * @param verifier   hex
 */
record StoredUser(String sub, String email, Map<String, String> attributes, String status, boolean enabled,
                  String salt, String verifier, Instant created, Instant modified, String confirmationCode,
                  Instant confirmationCodeExpires) {

    static final String UNCONFIRMED = "UNCONFIRMED";
    static final String CONFIRMED = "CONFIRMED";
    static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";
    static final String RESET_REQUIRED = "RESET_REQUIRED";

    StoredUser {
        attributes = new TreeMap<>(attributes);
    }

    StoredUser withStatus(String newStatus, Instant now) {
        return new StoredUser(sub, email, attributes, newStatus, enabled, salt, verifier, created, now, null, null);
    }

    StoredUser withEnabled(boolean newEnabled, Instant now) {
        return new StoredUser(sub, email, attributes, status, newEnabled, salt, verifier, created, now,
                confirmationCode, confirmationCodeExpires);
    }

    StoredUser withPassword(PasswordVerifier pv, String newStatus, Instant now) {
        return new StoredUser(sub, email, attributes, newStatus, enabled, pv.salt(), pv.verifier(), created, now,
                confirmationCode, confirmationCodeExpires);
    }

    StoredUser withAttribute(String name, String value, Instant now) {
        Map<String, String> copy = new TreeMap<>(attributes);
        copy.put(name, value);
        return new StoredUser(sub, email, copy, status, enabled, salt, verifier, created, now, confirmationCode,
                confirmationCodeExpires);
    }

    StoredUser withoutAttribute(String name, Instant now) {
        Map<String, String> copy = new TreeMap<>(attributes);
        copy.remove(name);
        return new StoredUser(sub, email, copy, status, enabled, salt, verifier, created, now, confirmationCode,
                confirmationCodeExpires);
    }

    /** The user with a new email: the username a client signs in with, and the {@code email} attribute. */
    StoredUser withEmail(String newEmail, Instant now) {
        Map<String, String> copy = new TreeMap<>(attributes);
        copy.put("email", newEmail);
        return new StoredUser(sub, newEmail, copy, status, enabled, salt, verifier, created, now, confirmationCode,
                confirmationCodeExpires);
    }

    /** The public view for Gatehouse itself. */
    UserPool.UserView view() {
        return new UserPool.UserView(sub, email, enabled, status);
    }

    @Override
    public String toString() {
        return "StoredUser[" + sub + ", " + email + ", " + status + (enabled ? "" : ", disabled") + "]";
    }
}
