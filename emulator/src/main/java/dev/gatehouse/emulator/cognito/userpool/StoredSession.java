package dev.gatehouse.emulator.cognito.userpool;

import java.time.Instant;

/**
 * One sign-in: its refresh token (kept only as a SHA-256 hash) and what every token issued from it shares.
 *
 * @param originJti               the {@code origin_jti} of every ID and access token of this sign-in
 * @param refreshTokenHash        hex SHA-256 of the current refresh token
 * @param expires                 when the refresh token expires; rotation keeps the first sign-in's expiry
 * @param revoked                 set by RevokeToken, GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser; a revoked
 *                                session's tokens are refused
 * @param previousRefreshTokenHash with refresh-token rotation: the refresh token it replaced, or null
 * @param previousValidUntil      until when that replaced refresh token still works (the retry grace period)
 */
record StoredSession(String originJti, String sub, String refreshTokenHash, Instant authTime, String eventId,
                     Instant expires, boolean revoked, String previousRefreshTokenHash, Instant previousValidUntil) {

    StoredSession(String originJti, String sub, String refreshTokenHash, Instant authTime, String eventId,
                  Instant expires, boolean revoked) {
        this(originJti, sub, refreshTokenHash, authTime, eventId, expires, revoked, null, null);
    }

    StoredSession revoke() {
        return new StoredSession(originJti, sub, refreshTokenHash, authTime, eventId, expires, true,
                previousRefreshTokenHash, previousValidUntil);
    }

    /** The session after rotation: {@code newHash} is current, {@code replaced} works until {@code graceUntil}. */
    StoredSession rotate(String newHash, String replaced, Instant graceUntil) {
        return new StoredSession(originJti, sub, newHash, authTime, eventId, expires, revoked, replaced, graceUntil);
    }

    @Override
    public String toString() {
        return "StoredSession[" + originJti + ", " + sub + (revoked ? ", revoked" : "") + "]";
    }
}
