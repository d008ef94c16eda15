package dev.gatehouse.emulator.cognito.userpool;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Issues the pool's ID and access tokens (RS256) and checks the access tokens users present (see AccessTokens). */
final class TokenIssuer {
    static final String SCOPE = "aws.cognito.signin.user.admin";

    private final SigningKeys keys;
    private final java.util.Map<String, Instant> lastSignIn = new java.util.concurrent.ConcurrentHashMap<>();
    private final String issuer;
    private final String clientId;
    private final Clock clock;
    private final int idTokenMinutes;
    private final int accessTokenMinutes;

    TokenIssuer(SigningKeys keys, String issuer, String clientId, Clock clock, int idTokenMinutes,
                int accessTokenMinutes) {
        this.keys = keys;
        this.issuer = issuer;
        this.clientId = clientId;
        this.clock = clock;
        this.idTokenMinutes = idTokenMinutes;
        this.accessTokenMinutes = accessTokenMinutes;
    }

    /** When the user last authenticated (the auth_time of the newest tokens issued), or null (memory only). */
    Instant lastSignIn(String sub) {
        return lastSignIn.get(sub);
    }

    int accessTokenSeconds() {
        return accessTokenMinutes * 60;
    }

    String idToken(StoredUser user, StoredSession session) {
        Instant now = clock.instant();
        lastSignIn.merge(user.sub(), session.authTime(), (a, b) -> a.isAfter(b) ? a : b);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user.sub())
                .audience(clientId)
                .claim("email_verified", "true".equals(user.attributes().get("email_verified")))
                .claim("token_use", "id")
                .claim("auth_time", session.authTime().getEpochSecond())
                .issuer(issuer)
                .claim("cognito:username", user.sub())
                .expirationTime(Date.from(now.plusSeconds(idTokenMinutes * 60L)))
                .issueTime(Date.from(now))
                .claim("email", user.email())
                .jwtID(UUID.randomUUID().toString())
                .claim("origin_jti", session.originJti())
                .claim("event_id", session.eventId());
        return sign(keys.get().idKey(), claims.build());
    }

    String accessToken(StoredUser user, StoredSession session) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.sub())
                .claim("token_use", "access")
                .claim("scope", SCOPE)
                .claim("auth_time", session.authTime().getEpochSecond())
                .issuer(issuer)
                .expirationTime(Date.from(now.plusSeconds(accessTokenSeconds())))
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim("origin_jti", session.originJti())
                .claim("client_id", clientId)
                .claim("username", user.sub())
                .claim("event_id", session.eventId())
                .build();
        return sign(keys.get().accessKey(), claims);
    }

    /**
     * The claims of a valid access token of this pool (signature with the access-token key, issuer,
     * {@code token_use: access}, app client, scope, expiry on the pool's clock), or NotAuthorizedException as Cognito
     * answers. An ID token fails the key check: "Invalid Access Token".
     */
    JWTClaimsSet verifyAccessToken(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            RSAKey key = keys.get().accessKey();
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !key.getKeyID().equals(jwt.getHeader().getKeyID())
                    || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                throw invalid();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.equals(claims.getIssuer()) || !"access".equals(claims.getStringClaim("token_use"))
                    || !clientId.equals(claims.getStringClaim("client_id"))
                    || claims.getSubject() == null || claims.getStringClaim("origin_jti") == null
                    || claims.getExpirationTime() == null) {
                throw invalid();
            }
            String scope = claims.getStringClaim("scope");
            if (scope == null || !java.util.List.of(scope.split(" ")).contains(SCOPE)) {
                throw AwsJsonError.notAuthorized("Access Token does not have required scopes");
            }
            if (!clock.instant().isBefore(claims.getExpirationTime().toInstant())) {
                throw AwsJsonError.notAuthorized("Access Token has expired");
            }
            return claims;
        } catch (ParseException | JOSEException e) {
            throw invalid();
        }
    }

    private static AwsJsonError invalid() {
        return AwsJsonError.notAuthorized("Invalid Access Token");
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }
}
