package dev.gatehouse.emulator.sigv4;

/** Why the verifier refused a request, for machines; each carries the {@code x-amzn-ErrorType} AWS sends for it. */
public enum RefusalReason {
    MISSING_AUTHENTICATION("MissingAuthenticationTokenException"),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException"),
    MALFORMED_CREDENTIAL("IncompleteSignatureException"),
    MALFORMED_DATE("IncompleteSignatureException"),
    MALFORMED_EXPIRES("IncompleteSignatureException"),
    HOST_NOT_SIGNED("IncompleteSignatureException"),
    BOTH_HEADER_AND_QUERY_AUTH("IncompleteSignatureException"),
    UNSIGNED_AMZ_HEADER("InvalidSignatureException"),
    WRONG_REGION("InvalidSignatureException"),
    WRONG_SERVICE("InvalidSignatureException"),
    WRONG_TERMINATOR("InvalidSignatureException"),
    WRONG_SCOPE_DATE("InvalidSignatureException"),
    SIGNATURE_EXPIRED("InvalidSignatureException"),
    SIGNATURE_NOT_YET_CURRENT("InvalidSignatureException"),
    PRESIGNED_URL_EXPIRED("InvalidSignatureException"),
    UNKNOWN_ACCESS_KEY("UnrecognizedClientException"),
    INVALID_SESSION_TOKEN("UnrecognizedClientException"),
    MISSING_SESSION_TOKEN("UnrecognizedClientException"),
    EXPIRED_CREDENTIALS("ExpiredTokenException"),
    PAYLOAD_HASH_MISMATCH("InvalidSignatureException"),
    SIGNATURE_MISMATCH("InvalidSignatureException");

    private final String errorType;

    RefusalReason(String errorType) {
        this.errorType = errorType;
    }

    /** The AWS error type ({@code x-amzn-ErrorType}) of this refusal in most AWS services. */
    public String errorType() {
        return errorType;
    }

    /**
     * The error type {@code service} sends: API Gateway answers credentials it does not know (an unknown key, a wrong
     * or missing session token) with {@code AccessDeniedException} where other services say
     * {@code UnrecognizedClientException} (AWS Knowledge Center, "troubleshoot 403 errors from API Gateway").
     */
    public String errorType(String service) {
        boolean invalidToken = this == UNKNOWN_ACCESS_KEY || this == INVALID_SESSION_TOKEN || this == MISSING_SESSION_TOKEN;
        return invalidToken && "execute-api".equals(service) ? "AccessDeniedException" : errorType;
    }
}
