package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.util.List;

/**
 * Signature mismatches: AWS's message (with the expected CanonicalRequest and StringToSign), and a guess at the cause
 * made by re-computing the signature with common client mistakes; only runs on the failure path.
 */
final class Mismatch {

    static final String SIGNATURE_MESSAGE = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
            + " details.";

    private final IncomingRequest request;
    private final SignatureParts parts;
    private final List<QueryParameter> query;
    private final SigV4Verifier.Options options;
    private final byte[] signingKey;
    private final String payloadHash;
    private String signedByClient;

    Mismatch(IncomingRequest request, SignatureParts parts, List<QueryParameter> query, SigV4Verifier.Options options,
             byte[] signingKey, String payloadHash) {
        this.request = request;
        this.parts = parts;
        this.query = query;
        this.options = options;
        this.signingKey = signingKey;
        this.payloadHash = payloadHash;
    }

    static String awsMessage(String canonicalRequest, String stringToSign) {
        return SIGNATURE_MESSAGE + "\n\nThe Canonical String for this request should have been\n'" + canonicalRequest
                + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n";
    }

    static Verdict.Refused signature(String explanation, String canonical, String stringToSign,
                                     DeclaredSignature declared, Verdict.ClientSigning client) {
        return new Verdict.Refused(RefusalReason.SIGNATURE_MISMATCH, awsMessage(canonical, stringToSign), explanation,
                declared, canonical, stringToSign, client);
    }

    /**
     * After {@link #explain()}: the CanonicalRequest the client signed when a known mistake reproduced its signature,
     * else the request as sent in canonical form (path and query as sent, the declared payload hash).
     */
    Verdict.ClientSigning client() {
        if (signedByClient != null) {
            return new Verdict.ClientSigning(signedByClient, SigV4Verifier.stringToSign(parts, signedByClient), true);
        }
        String sentPath = request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath();
        String sentQuery;
        if (presigned()) {
            sentQuery = CanonicalRequest.join(query.stream()
                    .filter(p -> !p.name().equals(QueryParameter.SIGNATURE)).toList());
        } else {
            sentQuery = request.rawQuery() == null ? "" : request.rawQuery();
        }
        String declaredHash = request.header("x-amz-content-sha256");
        String canonical = CanonicalRequest.build(request.method(), sentPath, sentQuery,
                CanonicalRequest.headers(request, parts.signedHeaders()), parts.signedHeadersText(),
                declaredHash == null ? payloadHash : declaredHash.trim());
        return new Verdict.ClientSigning(canonical, SigV4Verifier.stringToSign(parts, canonical), false);
    }

    static Verdict.Refused payloadHash(String declaredHash, String actualHash, String canonical, String stringToSign,
                                       DeclaredSignature declared) {
        String explanation = declaredHash.equals("UNSIGNED-PAYLOAD")
                ? "x-amz-content-sha256 is UNSIGNED-PAYLOAD: the body must be signed (SDK: PAYLOAD_SIGNING_ENABLED=true)"
                : "x-amz-content-sha256 does not match the body received (declared " + declaredHash + ", body hashes to "
                  + actualHash + "): the body changed after signing";
        return new Verdict.Refused(RefusalReason.PAYLOAD_HASH_MISMATCH, awsMessage(canonical, stringToSign),
                explanation, declared, canonical, stringToSign);
    }

    /** The most likely cause, in plain words. */
    String explain() {
        String sentPath = request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath();
        String uri = CanonicalRequest.uri(request.rawPath(), options.doubleEncodePath(), options.normalizePath());
        String sortedQuery = CanonicalRequest.query(query, presigned(), true);
        String unnormalized = CanonicalRequest.uri(request.rawPath(), options.doubleEncodePath(), false);
        if (!unnormalized.equals(uri) && matches(unnormalized, sortedQuery, payloadHash)) {
            return "path was signed without normalization: dot segments and '//' must be removed before signing";
        }
        String otherEncoding = CanonicalRequest.uri(request.rawPath(), !options.doubleEncodePath(), options.normalizePath());
        if (!otherEncoding.equals(uri) && matches(otherEncoding, sortedQuery, payloadHash)) {
            return options.doubleEncodePath()
                    ? "path was not double-encoded when signing: this service signs each path segment URI-encoded"
                      + " twice (SDK: keep DOUBLE_URL_ENCODE on)"
                    : "path was double-encoded when signing: this service signs the path encoded once";
        }
        if (!sentPath.equals(uri) && matches(sentPath, sortedQuery, payloadHash)) {
            return "path was signed exactly as sent (as curl --aws-sigv4 does), but this service normalizes it"
                   + (options.doubleEncodePath() ? " and encodes each segment twice" : "")
                   + ": avoid dot segments, '//' and percent-escapes in the path, or sign with an AWS SDK";
        }
        if (!presigned() && query.size() > 1 && matches(uri, CanonicalRequest.join(query), payloadHash)) {
            return "query string parameters were not sorted when signing (sort by name, then value)";
        }
        String rawQuery = request.rawQuery() == null ? "" : request.rawQuery();
        if (!presigned() && !rawQuery.equals(sortedQuery) && matches(uri, rawQuery, payloadHash)) {
            return "query string was signed exactly as sent: parameters must be decoded, re-encoded (RFC 3986) and"
                   + " sorted";
        }
        if (!payloadHash.equals(Hashing.EMPTY_SHA256) && matches(uri, sortedQuery, Hashing.EMPTY_SHA256)) {
            return "the signature covers an empty body, but a body of " + request.body().length
                   + " bytes was received: the body was added or changed after signing";
        }
        if (matches(uri, sortedQuery, "UNSIGNED-PAYLOAD")) {
            return "the request was signed with UNSIGNED-PAYLOAD: the body must be signed (SDK: PAYLOAD_SIGNING_ENABLED=true)";
        }
        for (String name : parts.signedHeaders()) {
            if (!name.equals(":authority") && request.header(name) == null) {
                return "signed header '" + name + "' is not in the request (dropped by a proxy or client?)";
            }
        }
        return "the secret key is not the one issued with " + parts.accessKeyId() + ", or the method, path, query,"
               + " a signed header or the body changed after signing: compare the expected CanonicalRequest with the"
               + " client's";
    }

    private boolean presigned() {
        return parts.location() == AuthLocation.QUERY_STRING;
    }

    private boolean matches(String canonicalUri, String canonicalQuery, String hash) {
        String canonical = CanonicalRequest.build(request.method(), canonicalUri, canonicalQuery,
                CanonicalRequest.headers(request, parts.signedHeaders()), parts.signedHeadersText(), hash);
        boolean matches = SigV4Verifier.signatureMatches(signingKey, SigV4Verifier.stringToSign(parts, canonical),
                parts.signature());
        if (matches) {
            signedByClient = canonical;
        }
        return matches;
    }
}
