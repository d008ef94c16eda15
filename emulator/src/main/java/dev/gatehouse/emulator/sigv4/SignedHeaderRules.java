package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code host} must be signed (over HTTP/2 {@code :authority} may stand for it; over HTTP/1.1 it binds nothing, so a
 * signature over {@code :authority} alone would leave the Host free), and so must every {@code x-amz-*} header present, except {@code x-amz-security-token},
 * which clients may add after signing (its value is checked against the credentials either way).
 */
final class SignedHeaderRules {

    private SignedHeaderRules() {
    }

    static void check(IncomingRequest request, SignatureParts parts) {
        boolean http2 = request.protocol() != null && request.protocol().startsWith("HTTP/2");
        if (!parts.signedHeaders().contains("host") && !(http2 && parts.signedHeaders().contains(":authority"))) {
            throw new Refusal(RefusalReason.HOST_NOT_SIGNED,
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
                    "SignedHeaders is '" + parts.signedHeadersText() + "': the host header must be signed"
                            + (parts.signedHeaders().contains(":authority") ? " (':authority' is HTTP/2's; over "
                            + request.protocol() + " it does not bind the Host header)" : ""),
                    parts.declared());
        }
        TreeSet<String> unsigned = null;
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey();
            if (name.regionMatches(true, 0, "x-amz-", 0, 6)) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("x-amz-security-token") && !parts.signedHeaders().contains(lower)) {
                    if (unsigned == null) {
                        unsigned = new TreeSet<>();
                    }
                    unsigned.add(lower);
                }
            }
        }
        if (unsigned != null) {
            throw new Refusal(RefusalReason.UNSIGNED_AMZ_HEADER,
                    "There were headers present in the request which were not signed: " + String.join(", ", unsigned),
                    "header(s) " + String.join(", ", unsigned) + " were sent but not signed: every x-amz-* header"
                            + " must be in SignedHeaders (added after signing?)", parts.declared());
        }
    }
}
