package dev.gatehouse.emulator.cognito.userpool;

import java.time.Instant;

/**
 * One sign-in: its refresh token (kept only as a SHA-256 hash) and what every token issued from it shares.
 *
 * @param originJti        the {@code origin_jti} of every ID and access token of this sign-in
 * @param refreshTokenHash hex SHA-256 of the refresh token
 * @param revoked          set by GlobalSignOut, AdminDisableUser; a revoked session's tokens are refused
 */
record StoredSession(String originJti, String sub, String refreshTokenHash, Instant authTime, String eventId,
                     Instant expires, boolean revoked) {

    StoredSession revoke() {
        return new StoredSession(originJti, sub, refreshTokenHash, authTime, eventId, expires, true);
    }

    @Override
    public String toString() {
        return "StoredSession[" + originJti + ", " + sub + (revoked ? ", revoked" : "") + "]";
    }
}
