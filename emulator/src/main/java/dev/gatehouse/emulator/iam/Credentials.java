package dev.gatehouse.emulator.iam;

import java.time.Instant;

/**
 * A key pair Gatehouse issued or was configured with.
 *
 * @param accessKeyId     {@code ASIA...} for temporary credentials, {@code AKIA...} for long-term ones
 * @param sessionToken    null for long-term credentials
 * @param expiration      null for long-term credentials
 */
public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                          Principal principal) {

    public boolean temporary() {
        return sessionToken != null;
    }

    public boolean expiredAt(Instant now) {
        return expiration != null && !now.isBefore(expiration);
    }

    @Override
    public String toString() {
        // Never print the secret or the token.
        return "Credentials[" + accessKeyId + ", " + principal.arn() + ", expires " + expiration + "]";
    }
}
