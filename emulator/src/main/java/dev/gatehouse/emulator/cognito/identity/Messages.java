package dev.gatehouse.emulator.cognito.identity;

/** The identity pool's error messages, as AWS words them (reference/aws-protocols.md, section E). */
final class Messages {
    static final String UNSUPPORTED_PROVIDER = "Token is not from a supported provider of this identity pool.";
    static final String ISSUER_MISMATCH = "Invalid login token. Issuer doesn't match providerName";
    static final String MISSING_AUD = "Invalid login token. Missing a required claim: aud";
    static final String BAD_SIGNATURE = "Invalid login token. Couldn't verify signed token.";
    static final String LOGINS_DONT_MATCH =
            "Logins don't match. Please include at least one valid login for this identity or identity pool.";
    static final String UNAUTHENTICATED_NOT_SUPPORTED =
            "Unauthenticated access is not supported for this identity pool.";
    /** ⚠ Not observed: the wording for a token that is not a JWT or is not an ID token. */
    static final String NOT_AN_ID_TOKEN = "Invalid login token. Not a valid OpenId Connect identity token.";

    private Messages() {
    }

    static String expired(long nowEpochSeconds, long expEpochSeconds) {
        return "Invalid login token. Token expired: " + nowEpochSeconds + " >= " + expEpochSeconds;
    }

    static String missingClaim(String claim) {
        return "Invalid login token. Missing a required claim: " + claim;
    }

    static String poolNotFound(String identityPoolId) {
        return "IdentityPool '" + identityPoolId + "' not found.";
    }

    static String identityNotFound(String identityId) {
        return "Identity '" + identityId + "' not found.";
    }
}
