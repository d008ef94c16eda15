package dev.gatehouse.emulator.cognito.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Verifies the user pool ID token given in {@code Logins}: the provider is the configured one, the issuer matches it,
 * the RS256 signature verifies with a key of the user pool, the audience is the app client, it is an ID token, and it
 * has not expired by Gatehouse's clock. Every refusal is a {@code NotAuthorizedException} with AWS's message.
 */
final class LoginVerifier {
    /** A verified login: the provider name (the Logins key) and the user pool {@code sub}. */
    record Login(String providerName, String sub) {
    }

    private final String providerName;
    private final List<String> clientIds;
    private final Supplier<JWKSet> userPoolKeys;
    private final Clock clock;

    LoginVerifier(String providerName, List<String> clientIds, Supplier<JWKSet> userPoolKeys, Clock clock) {
        this.providerName = providerName;
        this.clientIds = List.copyOf(clientIds);
        this.userPoolKeys = userPoolKeys;
        this.clock = clock;
    }

    String providerName() {
        return providerName;
    }

    /** Verifies every login (there is one provider, so at most one can be valid) and returns it. */
    Login verify(Map<String, String> logins) {
        Login verified = null;
        for (Map.Entry<String, String> entry : logins.entrySet()) {
            verified = verifyOne(entry.getKey(), entry.getValue());
        }
        return verified;
    }

    private Login verifyOne(String key, String token) {
        if (!key.equals(providerName)) {
            throw AwsJsonError.notAuthorized(Messages.UNSUPPORTED_PROVIDER);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw AwsJsonError.notAuthorized(Messages.NOT_AN_ID_TOKEN);
        }
        if (!("https://" + key).equals(claims.getIssuer())) {
            throw AwsJsonError.notAuthorized(Messages.ISSUER_MISMATCH);
        }
        if (!signatureVerifies(jwt)) {
            throw AwsJsonError.notAuthorized(Messages.BAD_SIGNATURE);
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.isEmpty()) {
            throw AwsJsonError.notAuthorized(Messages.MISSING_AUD);
        }
        if (audience.stream().noneMatch(clientIds::contains)) {
            throw AwsJsonError.notAuthorized(Messages.UNSUPPORTED_PROVIDER);
        }
        if (!"id".equals(claim(claims, "token_use"))) {
            throw AwsJsonError.notAuthorized(Messages.NOT_AN_ID_TOKEN);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw AwsJsonError.notAuthorized(Messages.missingClaim("exp"));
        }
        long now = clock.instant().getEpochSecond();
        long expSeconds = exp.toInstant().getEpochSecond();
        if (now >= expSeconds) {
            throw AwsJsonError.notAuthorized(Messages.expired(now, expSeconds));
        }
        String sub = claims.getSubject();
        if (sub == null || sub.isEmpty()) {
            throw AwsJsonError.notAuthorized(Messages.missingClaim("sub"));
        }
        return new Login(key, sub);
    }

    private boolean signatureVerifies(SignedJWT jwt) {
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
            return false;
        }
        JWK key = userPoolKeys.get().getKeyByKeyId(jwt.getHeader().getKeyID());
        if (!(key instanceof RSAKey rsa)) {
            return false;
        }
        try {
            return jwt.verify(new RSASSAVerifier(rsa.toRSAPublicKey()));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static String claim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }
}
