package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.iam.Credentials;

/** The outcome of verifying one request: the credentials that signed it, or why it is refused. */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Refused {

    /** The signature is valid, in time and made with these (known, unexpired) credentials. */
    record Accepted(Credentials credentials, DeclaredSignature declared) implements Verdict {
    }

    /**
     * The request is refused. API Gateway answers every such case with HTTP 403.
     *
     * @param reason           machine-readable cause
     * @param awsMessage       AWS's own message text for this case (what API Gateway's error would carry)
     * @param explanation      one line in plain words: the most likely cause, for the developer
     * @param declared         what the client declared, or null when no signature could be parsed
     * @param canonicalRequest the CanonicalRequest Gatehouse expected (signature mismatches only, else null)
     * @param stringToSign     the StringToSign Gatehouse expected (signature mismatches only, else null)
     * @param client           the client's side of a signature mismatch, to compare with the expected one, or null
     * @param errorType        the AWS error type, e.g. {@code InvalidSignatureException}, for the
     *                         {@code x-amzn-ErrorType} header (it depends on the service that refuses)
     */
    record Refused(RefusalReason reason, String awsMessage, String explanation, DeclaredSignature declared,
                   String canonicalRequest, String stringToSign, ClientSigning client, String errorType)
            implements Verdict {

        /** A refusal with the reason's error type in most AWS services. */
        public Refused(RefusalReason reason, String awsMessage, String explanation, DeclaredSignature declared,
                       String canonicalRequest, String stringToSign, ClientSigning client) {
            this(reason, awsMessage, explanation, declared, canonicalRequest, stringToSign, client, reason.errorType());
        }

        public Refused(RefusalReason reason, String awsMessage, String explanation, DeclaredSignature declared,
                       String canonicalRequest, String stringToSign) {
            this(reason, awsMessage, explanation, declared, canonicalRequest, stringToSign, null);
        }

        /** The same refusal as {@code service} reports it. */
        Refused as(String service) {
            return new Refused(reason, awsMessage, explanation, declared, canonicalRequest, stringToSign, client,
                    reason.errorType(service));
        }

        /** Always 403: IAM failures are never 401. */
        public int httpStatus() {
            return 403;
        }

        /**
         * Without the AWS message and the CanonicalRequest: like AWS's, they hold the signed headers' values, which
         * may include the session token.
         */
        @Override
        public String toString() {
            return "Refused[" + reason + " (" + errorType + "): " + explanation + ", declared=" + declared + "]";
        }
    }

    /**
     * What the client signed, as far as Gatehouse can tell: when one of the common client mistakes reproduces its
     * signature, the CanonicalRequest it really signed ({@code signatureMatches}); otherwise the request as it was
     * sent, in canonical form (path and query as sent, the declared payload hash).
     */
    record ClientSigning(String canonicalRequest, String stringToSign, boolean signatureMatches) {
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
