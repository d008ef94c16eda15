package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/** Sign-in sessions: issuing tokens, refreshing them, GetUser and GlobalSignOut with an access token. */
final class Sessions {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-_=.]+");
    private final PoolState pool;

    Sessions(PoolState pool) {
        this.pool = pool;
    }

    /** A new sign-in: a refresh token (stored only as its hash) and the first ID and access tokens. */
    ObjectNode signIn(StoredUser user) {
        Instant now = pool.now();
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(Srp.randomBytes(64));
        StoredSession session = new StoredSession(UUID.randomUUID().toString(), user.sub(), hash(refreshToken), now,
                UUID.randomUUID().toString(), now.plus(Duration.ofDays(pool.config().refreshTokenDays())), false);
        pool.users().putSession(session, now);
        return result(user, session, refreshToken);
    }

    /** REFRESH_TOKEN_AUTH: new ID and access tokens, no new refresh token. */
    ObjectNode refresh(String refreshToken) {
        StoredSession session = pool.users().sessionByRefreshHash(hash(refreshToken))
                .filter(s -> pool.now().isBefore(s.expires()))
                .orElseThrow(() -> AwsJsonError.notAuthorized("Invalid Refresh Token."));
        if (session.revoked()) {
            throw AwsJsonError.notAuthorized("Refresh Token has been revoked");
        }
        StoredUser user = pool.users().bySub(session.sub())
                .orElseThrow(() -> AwsJsonError.notAuthorized("Invalid Refresh Token."));
        if (!user.enabled()) {
            throw AwsJsonError.notAuthorized("User is disabled.");
        }
        return result(user, session, null);
    }

    ObjectNode getUser(JsonNode body) {
        StoredUser user = signedIn(body);
        ObjectNode out = Shapes.JSON.objectNode();
        out.set("UserAttributes", Shapes.attributes(user));
        out.put("Username", user.sub());
        return out;
    }

    ObjectNode globalSignOut(JsonNode body) {
        StoredUser user = signedIn(body);
        pool.users().revokeSessions(user.sub());
        return Shapes.JSON.objectNode();
    }

    /** The user behind a valid, unrevoked access token. */
    private StoredUser signedIn(JsonNode body) {
        String token = new Input(body).required("AccessToken", TOKEN, 100_000);
        JWTClaimsSet claims = pool.tokens().verifyAccessToken(token);
        String originJti;
        try {
            originJti = claims.getStringClaim("origin_jti");
        } catch (ParseException e) {
            throw AwsJsonError.notAuthorized("Invalid Access Token");
        }
        StoredSession session = pool.users().session(originJti).filter(s -> !s.revoked())
                .orElseThrow(() -> AwsJsonError.notAuthorized("Access Token has been revoked"));
        StoredUser user = pool.users().bySub(session.sub()).orElseThrow(AdminOperations::userNotFound);
        if (!user.enabled()) {
            throw AwsJsonError.notAuthorized("User is disabled.");
        }
        return user;
    }

    private ObjectNode result(StoredUser user, StoredSession session, String refreshToken) {
        ObjectNode out = Shapes.JSON.objectNode();
        out.putObject("ChallengeParameters");
        ObjectNode r = out.putObject("AuthenticationResult");
        r.put("AccessToken", pool.tokens().accessToken(user, session));
        r.put("ExpiresIn", pool.tokens().accessTokenSeconds());
        r.put("TokenType", "Bearer");
        if (refreshToken != null) {
            r.put("RefreshToken", refreshToken);
        }
        r.put("IdToken", pool.tokens().idToken(user, session));
        return out;
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(Srp.sha256(token.getBytes(StandardCharsets.UTF_8)));
    }
}
