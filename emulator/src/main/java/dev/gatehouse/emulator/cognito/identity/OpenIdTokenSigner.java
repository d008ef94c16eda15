package dev.gatehouse.emulator.cognito.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.store.JsonFile;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Signs the identity pool's own OpenID tokens (GetOpenIdToken): RS256, issuer {@code https://cognito-identity.amazonaws.com},
 * valid 10 minutes. The key is generated in the background at construction (RSA generation takes about half a
 * second) and, with a data directory, kept in {@code <dataDir>/cognito-identity/openid-key.json}.
 */
final class OpenIdTokenSigner {
    static final String ISSUER = "https://cognito-identity.amazonaws.com";
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final Clock clock;
    private final Optional<JsonFile> file;
    private volatile RSAKey key;

    OpenIdTokenSigner(Clock clock, Optional<Path> dataDir) {
        this.clock = clock;
        this.file = dataDir.map(d -> new JsonFile(d.resolve("cognito-identity").resolve("openid-key.json")));
        this.key = file.flatMap(f -> f.read(Map.class)).map(OpenIdTokenSigner::parse).orElse(null);
    }

    /** The key, generated at first use (GetOpenIdToken is rare: no start-up time is spent on it). */
    private RSAKey key() {
        RSAKey k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    k = generate();
                    RSAKey generated = k;
                    file.ifPresent(f -> f.write(generated.toJSONObject()));
                    key = k;
                }
            }
        }
        return k;
    }

    String sign(CognitoIdentity identity) {
        RSAKey rsa = key();
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(identity.identityPoolId())
                .subject(identity.identityId())
                .claim("amr", identity.amr())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(rsa));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an OpenID token", e);
        }
        return jwt.serialize();
    }

    /** The public key, for a JWKS document. */
    JWKSet publicKeys() {
        return new JWKSet(key().toPublicJWK());
    }

    private static RSAKey generate() {
        try {
            RSAKey k = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true).generate();
            return k;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the OpenID token key", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static RSAKey parse(Map<?, ?> json) {
        try {
            return RSAKey.parse((Map<String, Object>) json);
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable OpenID token key: " + e.getMessage(), e);
        }
    }
}
