package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.CredentialsLookup;
import java.time.Duration;
import java.time.Instant;

/** The access key must be known, the session token must be the credentials' own, and they must not have expired. */
final class SessionRules {

    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    static final String EXPIRED_TOKEN = "The security token included in the request is expired";

    private SessionRules() {
    }

    static Credentials credentials(CredentialsLookup lookup, SignatureParts parts, Instant now) {
        DeclaredSignature declared = parts.declared();
        String keyId = parts.accessKeyId();
        Credentials credentials = keyId.isEmpty() ? null : lookup.find(keyId).orElse(null);
        if (credentials == null) {
            throw new Refusal(RefusalReason.UNKNOWN_ACCESS_KEY, INVALID_TOKEN,
                    "access key " + keyId + " is not known to Gatehouse (credentials from an earlier run, another"
                            + " Gatehouse, or real AWS?): get new ones from the identity pool", declared);
        }
        String token = parts.securityToken();
        if (credentials.sessionToken() == null) {
            if (token != null) {
                throw new Refusal(RefusalReason.INVALID_SESSION_TOKEN, INVALID_TOKEN,
                        "a session token was sent with long-term access key " + keyId + ", which has none", declared);
            }
        } else if (token == null) {
            throw new Refusal(RefusalReason.MISSING_SESSION_TOKEN, INVALID_TOKEN,
                    "access key " + keyId + " is temporary but no session token was sent (add the X-Amz-Security-Token"
                            + " header, or AWS_SESSION_TOKEN)", declared);
        } else if (!Hashing.constantTimeEquals(token, credentials.sessionToken())) {
            throw new Refusal(RefusalReason.INVALID_SESSION_TOKEN, INVALID_TOKEN,
                    "the session token sent is not the one issued with access key " + keyId
                            + " (token from other credentials?)", declared);
        }
        if (credentials.expiredAt(now)) {
            throw new Refusal(RefusalReason.EXPIRED_CREDENTIALS, EXPIRED_TOKEN,
                    "the credentials of " + keyId + " expired at " + credentials.expiration() + ", "
                            + Duration.between(credentials.expiration(), now).toSeconds()
                            + " s ago: get new ones from the identity pool", declared);
        }
        return credentials;
    }
}
