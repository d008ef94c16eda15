package dev.gatehouse.emulator.cognito.userpool;

import java.time.Instant;

/**
 * A user's open attribute verification: the code sent for {@code attribute}, and with
 * {@code attributesRequireVerificationBeforeUpdate} the value that replaces the attribute once verified.
 *
 * @param pendingValue the new value kept aside until verified, or null when the attribute itself is being verified
 */
record AttributeVerification(String sub, String attribute, String code, Instant expires, String pendingValue) {

    @Override
    public String toString() {
        return "AttributeVerification[" + sub + ", " + attribute + (pendingValue == null ? "" : ", pending") + "]";
    }
}
