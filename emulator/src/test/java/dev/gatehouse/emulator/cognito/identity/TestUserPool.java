package dev.gatehouse.emulator.cognito.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

/** Mints user pool tokens shaped as Cognito's (RS256, kid), signed with a test key whose public half is the JWKS. */
final class TestUserPool {
    static final String REGION = "us-east-1";
    static final String USER_POOL_ID = "us-east-1_GateHouse";
    static final String CLIENT_ID = "4gatehouse1notes2client3id";
    static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/" + USER_POOL_ID;
    static final String PROVIDER = "cognito-idp.us-east-1.amazonaws.com/" + USER_POOL_ID;

    private final RSAKey idKey = generate();
    private final RSAKey accessKey = generate();

    JWKSet publicKeys() {
        return new JWKSet(java.util.List.of(idKey.toPublicJWK(), accessKey.toPublicJWK()));
    }

    String idToken(String sub, Instant issuedAt) {
        return idToken(sub, issuedAt, claims -> { });
    }

    /** An ID token valid one hour from {@code issuedAt}, with any claim changed by {@code edit}. */
    String idToken(String sub, Instant issuedAt, Consumer<JWTClaimsSet.Builder> edit) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(sub).audience(CLIENT_ID).issuer(ISSUER)
                .claim("email_verified", true).claim("token_use", "id")
                .claim("auth_time", issuedAt.getEpochSecond())
                .claim("cognito:username", sub).claim("email", sub + "@example.com")
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString());
        edit.accept(claims);
        return sign(idKey, claims.build());
    }

    /** A genuine ID token signed by the pool's ID key, with a header built from that key's id by {@code header}. */
    String idTokenWithHeader(String sub, Instant issuedAt, java.util.function.Function<String, JWSHeader.Builder> header) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(idToken(sub, issuedAt)).getJWTClaimsSet();
            SignedJWT jwt = new SignedJWT(header.apply(idKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(idKey));
            return jwt.serialize();
        } catch (java.text.ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String accessToken(String sub, Instant issuedAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(sub).issuer(ISSUER).claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin").claim("client_id", CLIENT_ID)
                .claim("username", sub).issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(Duration.ofHours(1)))).build();
        return sign(accessKey, claims);
    }

    /** A token signed with a key of the same kid that is not the pool's: a forgery. */
    String forgedIdToken(String sub, Instant issuedAt) {
        RSAKey forger = new RSAKey.Builder(generate()).keyID(idKey.getKeyID()).build();
        String genuine = idToken(sub, issuedAt);
        try {
            return sign(forger, SignedJWT.parse(genuine).getJWTClaimsSet());
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(RSAKey key, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
