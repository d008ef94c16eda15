package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.cognito.SpareCore;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sign-in sessions: issuing tokens, refreshing them (InitiateAuth REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken with
 * the app client's refresh-token rotation), and ending them (RevokeToken, GlobalSignOut, AdminUserGlobalSignOut).
 */
final class Sessions {
    private static final Pattern CLIENT_SECRET = Pattern.compile("[\\w+]+");
    private static final Pattern DEVICE_KEY = Pattern.compile("[\\w-]+_[0-9a-f-]+");
    private final PoolState pool;
    private final AccessTokens accessTokens;

    Sessions(PoolState pool) {
        this.pool = pool;
        this.accessTokens = new AccessTokens(pool);
    }

    /** A new sign-in: a refresh token (stored only as its hash) and the first ID and access tokens. */
    ObjectNode signIn(StoredUser user) {
        Instant now = pool.now();
        String refreshToken = newRefreshToken();
        StoredSession session = new StoredSession(UUID.randomUUID().toString(), user.sub(), hash(refreshToken), now,
                UUID.randomUUID().toString(), now.plus(Duration.ofDays(pool.config().refreshTokenDays())), false);
        pool.users().putSession(session, now);
        return result(user, session, refreshToken);
    }

    /**
     * InitiateAuth / AdminInitiateAuth REFRESH_TOKEN_AUTH: new ID and access tokens, no new refresh token. Refused for
     * an app client with refresh-token rotation, which only GetTokensFromRefreshToken serves.
     */
    ObjectNode refresh(String refreshToken) {
        if (rotation().enabled()) {
            throw AwsJsonError.invalidParameter("Refresh token rotation is enabled for this app client: refresh "
                    + "with GetTokensFromRefreshToken.");
        }
        AccessTokens.SignedIn found = refreshable(refreshToken);
        return result(found.user(), found.session(), null);
    }

    /**
     * GetTokensFromRefreshToken: new ID and access tokens; with rotation also a new refresh token, the presented one
     * then working only for the retry grace period. Rotation keeps the first sign-in's refresh-token expiry.
     */
    ObjectNode getTokensFromRefreshToken(JsonNode body) {
        Input in = new Input(body);
        String refreshToken = in.required("RefreshToken", AccessTokens.TOKEN, 100_000);
        String clientId = in.required("ClientId", Input.CLIENT_ID, 128);
        in.optional("ClientSecret", CLIENT_SECRET, 64);
        in.optional("DeviceKey", DEVICE_KEY, 55);
        in.stringMap("ClientMetadata");
        pool.checkClient(clientId);
        synchronized (pool.users()) {
            return tokensFromRefreshToken(refreshToken);
        }
    }

    private ObjectNode tokensFromRefreshToken(String refreshToken) {
        AccessTokens.SignedIn found = refreshable(refreshToken);
        ObjectNode out = Shapes.JSON.objectNode();
        if (!rotation().enabled()) {
            out.set("AuthenticationResult", authenticationResult(found.user(), found.session(), null));
            return out;
        }
        String next = newRefreshToken();
        Instant graceUntil = pool.now().plusSeconds(rotation().retryGracePeriodSeconds());
        StoredSession rotated = pool.users().rotate(found.session(), hash(refreshToken), hash(next), graceUntil);
        out.set("AuthenticationResult", authenticationResult(found.user(), rotated, next));
        return out;
    }

    /**
     * RevokeToken: the refresh token and every ID and access token issued from it stop working; the user's other
     * sign-ins are untouched. An unknown refresh token is answered as revoked (RFC 7009); an ID or access token is
     * UnsupportedTokenTypeException.
     */
    ObjectNode revokeToken(JsonNode body) {
        Input in = new Input(body);
        String token = in.required("Token", AccessTokens.TOKEN, 100_000);
        String clientId = in.required("ClientId", Input.CLIENT_ID, 128);
        in.optional("ClientSecret", CLIENT_SECRET, 64);
        pool.checkClient(clientId);
        if (isJws(token)) {
            throw new AwsJsonError("UnsupportedTokenTypeException", "Unsupported token type");
        }
        pool.users().sessionByRefreshHash(hash(token))
                .ifPresent(s -> pool.users().revokeSession(s.originJti()));
        return Shapes.JSON.objectNode();
    }

    /** GlobalSignOut: every refresh token of the user, and the tokens issued from them, stop working. */
    ObjectNode globalSignOut(JsonNode body) {
        StoredUser user = accessTokens.verify(body).user();
        pool.users().revokeSessions(user.sub());
        return Shapes.JSON.objectNode();
    }

    /** AdminUserGlobalSignOut, after the caller was authorized: as GlobalSignOut for the named user. */
    ObjectNode adminUserGlobalSignOut(StoredUser user) {
        pool.users().revokeSessions(user.sub());
        return Shapes.JSON.objectNode();
    }

    /** The live session and enabled user of a refresh token, or Cognito's refusal. */
    private AccessTokens.SignedIn refreshable(String refreshToken) {
        String presented = hash(refreshToken);
        Instant now = pool.now();
        StoredSession session = pool.users().sessionByRefreshHash(presented)
                .filter(s -> now.isBefore(s.expires()))
                .orElseThrow(() -> AwsJsonError.notAuthorized("Invalid Refresh Token."));
        if (session.revoked()) {
            throw AwsJsonError.notAuthorized("Refresh Token has been revoked");
        }
        if (presented.equals(session.previousRefreshTokenHash()) && !now.isBefore(session.previousValidUntil())) {
            throw new AwsJsonError("RefreshTokenReuseException",
                    "Refresh token has been rotated and is no longer valid.");
        }
        StoredUser user = pool.users().bySub(session.sub())
                .orElseThrow(() -> AwsJsonError.notAuthorized("Invalid Refresh Token."));
        if (!user.enabled()) {
            throw AwsJsonError.notAuthorized("User is disabled.");
        }
        if (StoredUser.RESET_REQUIRED.equals(user.status())) {
            throw AccessTokens.passwordResetRequired();
        }
        return new AccessTokens.SignedIn(user, session);
    }

    private GatehouseConfig.RefreshTokenRotation rotation() {
        return pool.config().refreshTokenRotation();
    }

    private ObjectNode result(StoredUser user, StoredSession session, String refreshToken) {
        ObjectNode out = Shapes.JSON.objectNode();
        out.putObject("ChallengeParameters");
        out.set("AuthenticationResult", authenticationResult(user, session, refreshToken));
        return out;
    }

    /** AuthenticationResultType: the access and ID tokens of a session, and a refresh token when one is issued. */
    ObjectNode authenticationResult(StoredUser user, StoredSession session, String refreshToken) {
        // two RS256 signatures: the ID token's on the spare core while this thread signs the access token
        SpareCore.Work<String> idToken = SpareCore.start(() -> pool.tokens().idToken(user, session));
        ObjectNode r = Shapes.JSON.objectNode();
        r.put("AccessToken", pool.tokens().accessToken(user, session));
        r.put("ExpiresIn", pool.tokens().accessTokenSeconds());
        r.put("TokenType", "Bearer");
        if (refreshToken != null) {
            r.put("RefreshToken", refreshToken);
        }
        r.put("IdToken", idToken.get());
        return r;
    }

    private static boolean isJws(String token) {
        try {
            SignedJWT.parse(token);
            return true;
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    /** A JWE's compact shape: Cognito's refresh tokens are encrypted JWTs. Never starts with '-' (see below). */
    private static final String REFRESH_TOKEN_HEADER = Base64.getUrlEncoder().withoutPadding().encodeToString(
            "{\"cty\":\"JWT\",\"enc\":\"A256GCM\",\"alg\":\"RSA-OAEP\"}".getBytes(StandardCharsets.UTF_8));

    /**
     * A refresh token shaped as Cognito's (a JWE: header, encrypted key, IV, ciphertext, tag), its random parts only
     * looked up by hash. A bare random base64url string started with '-' once in 64 tokens, which a command line then
     * reads as an option ({@code aws ... --refresh-token -x...}: "expected one argument").
     */
    private static String newRefreshToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return REFRESH_TOKEN_HEADER + "." + b64.encodeToString(Srp.randomBytes(256)) + "."
                + b64.encodeToString(Srp.randomBytes(12)) + "." + b64.encodeToString(Srp.randomBytes(64)) + "."
                + b64.encodeToString(Srp.randomBytes(16));
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(Srp.sha256(token.getBytes(StandardCharsets.UTF_8)));
    }
}
