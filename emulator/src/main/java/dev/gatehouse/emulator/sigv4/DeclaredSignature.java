package dev.gatehouse.emulator.sigv4;

import java.util.List;

/**
 * What the client declared about its signature, as sent (before any check).
 *
 * @param location        header or query string
 * @param accessKeyId     the access key id of the Credential
 * @param credentialScope {@code yyyymmdd/region/service/aws4_request} as sent
 * @param signedHeaders   the SignedHeaders names, in the order sent
 * @param requestDate     the X-Amz-Date (or Date) value as sent, or null
 * @param signature       the hex signature as sent
 */
public record DeclaredSignature(AuthLocation location, String accessKeyId, String credentialScope,
                                List<String> signedHeaders, String requestDate, String signature) {

    public DeclaredSignature {
        signedHeaders = List.copyOf(signedHeaders);
    }
}
