package dev.gatehouse.emulator.sigv4;

import java.time.Instant;
import java.util.List;

/**
 * A parsed SigV4 signature, from the Authorization header or the presigned query parameters.
 *
 * @param requestDate    the timestamp of the StringToSign ({@code yyyyMMdd'T'HHmmss'Z'})
 * @param timestamp      the same as an instant
 * @param expiresSeconds X-Amz-Expires for presigned requests; -1 when absent (then the skew window applies)
 * @param securityToken  the session token sent (header or query), or null
 */
record SignatureParts(AuthLocation location, String accessKeyId, String scopeDate, String region, String service,
                      String terminator, String credentialScope, String signedHeadersText, List<String> signedHeaders,
                      String signature, String requestDate, Instant timestamp, long expiresSeconds,
                      String securityToken, DeclaredSignature declared) {

    @Override
    public String toString() {
        // Never print the session token.
        return "SignatureParts[" + location + ", " + accessKeyId + "/" + credentialScope + ", " + signedHeadersText
                + ", " + requestDate + "]";
    }
}
