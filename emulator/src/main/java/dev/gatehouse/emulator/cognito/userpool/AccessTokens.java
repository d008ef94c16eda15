package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.text.ParseException;
import java.util.regex.Pattern;

/**
 * The check of every operation a user authorizes with an access token (GetUser, ChangePassword, GlobalSignOut, ...):
 * the token verifies with the pool's access-token key, is an access token of this pool and app client with the
 * {@code aws.cognito.signin.user.admin} scope, has not expired on the pool's clock, its sign-in was not revoked
 * (RevokeToken, GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser), and its user still exists, is enabled and
 * needs no password reset.
 */
final class AccessTokens {
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-_=.]+");

    /** A verified access token: its user and sign-in session. */
    record SignedIn(StoredUser user, StoredSession session) {
    }

    private final PoolState pool;

    AccessTokens(PoolState pool) {
        this.pool = pool;
    }

    /** The {@code AccessToken} member of a request, verified. */
    SignedIn verify(JsonNode body) {
        return verify(new Input(body).required("AccessToken", TOKEN, 100_000));
    }

    SignedIn verify(String token) {
        JWTClaimsSet claims = pool.tokens().verifyAccessToken(token);
        String originJti;
        try {
            originJti = claims.getStringClaim("origin_jti");
        } catch (ParseException e) {
            throw AwsJsonError.notAuthorized("Invalid Access Token");
        }
        StoredUser user = pool.users().bySub(claims.getSubject()).orElseThrow(AdminOperations::userNotFound);
        StoredSession session = pool.users().session(originJti)
                .filter(s -> !s.revoked() && s.sub().equals(user.sub()))
                .orElseThrow(() -> AwsJsonError.notAuthorized("Access Token has been revoked"));
        if (!user.enabled()) {
            throw AwsJsonError.notAuthorized("User is disabled.");
        }
        if (StoredUser.RESET_REQUIRED.equals(user.status())) {
            throw passwordResetRequired();
        }
        return new SignedIn(user, session);
    }

    static AwsJsonError passwordResetRequired() {
        return new AwsJsonError("PasswordResetRequiredException", "Password reset required for the user");
    }
}
