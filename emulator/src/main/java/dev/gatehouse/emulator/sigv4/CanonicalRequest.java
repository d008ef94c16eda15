package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The SigV4 CanonicalRequest:
 * {@code Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload}.
 */
final class CanonicalRequest {

    private static final Comparator<QueryParameter> QUERY_ORDER =
            Comparator.comparing(QueryParameter::encodedName).thenComparing(QueryParameter::encodedValue);

    private CanonicalRequest() {
    }

    static String build(String method, String canonicalUri, String canonicalQuery, String canonicalHeaders,
                        String signedHeaders, String payloadHash) {
        return new StringBuilder(canonicalUri.length() + canonicalQuery.length() + canonicalHeaders.length() + 128)
                .append(method).append('\n')
                .append(canonicalUri).append('\n')
                .append(canonicalQuery).append('\n')
                .append(canonicalHeaders).append('\n')
                .append(signedHeaders).append('\n')
                .append(payloadHash).toString();
    }

    /**
     * The CanonicalURI of a path as received on the wire (percent-encoded). Normalizing removes dot segments and empty
     * segments ({@code //}). Double encoding (every service but S3) percent-encodes the wire path once more, keeping
     * {@code /}; single encoding decodes each segment and encodes it once.
     */
    static String uri(String rawPath, boolean doubleEncode, boolean normalize) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (normalize) {
            path = PathNormalization.normalize(path);
        }
        if (path.charAt(0) != '/') {
            path = "/" + path;
        }
        StringBuilder out = new StringBuilder(path.length() + 16);
        if (doubleEncode) {
            UriEncoding.encode(path, 0, path.length(), true, out);
            return out.toString();
        }
        int start = 0;
        while (start < path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (end > start) {
                if (UriEncoding.isUnreservedOnly(path, start, end)) {
                    out.append(path, start, end);
                } else {
                    String segment = UriEncoding.decode(path, start, end);
                    UriEncoding.encode(segment, 0, segment.length(), false, out);
                }
            }
            if (slash >= 0) {
                out.append('/');
            }
            start = end + 1;
        }
        return out.toString();
    }

    /** The CanonicalQueryString: parameters sorted by encoded name, then encoded value, joined with {@code &}. */
    static String query(List<QueryParameter> params, boolean presigned, boolean includeToken) {
        if (params.isEmpty()) {
            return "";
        }
        List<QueryParameter> signed = new ArrayList<>(params.size());
        for (QueryParameter p : params) {
            if (presigned && p.name().equals(QueryParameter.SIGNATURE)) {
                continue;
            }
            if (!includeToken && p.name().equals(QueryParameter.SECURITY_TOKEN)) {
                continue;
            }
            signed.add(p);
        }
        signed.sort(QUERY_ORDER);
        return join(signed);
    }

    static String join(List<QueryParameter> params) {
        StringBuilder out = new StringBuilder(64);
        for (QueryParameter p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p.encodedName()).append('=').append(p.encodedValue());
        }
        return out.toString();
    }

    /**
     * The CanonicalHeaders block: for each signed header, {@code name:value\n} with the lower-cased name and the values
     * of every header line of that name, trimmed, whitespace runs collapsed, joined with {@code ,}.
     */
    static String headers(IncomingRequest request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder(256);
        for (String name : signedHeaders) {
            out.append(name).append(':');
            boolean first = true;
            for (Map.Entry<String, String> h : request.headers()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    if (!first) {
                        out.append(',');
                    }
                    appendTrimmedCollapsed(h.getValue(), out);
                    first = false;
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    static void appendTrimmedCollapsed(String value, StringBuilder out) {
        if (value == null) {
            return;
        }
        boolean pendingSpace = false;
        boolean any = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pendingSpace = any;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                any = true;
            }
        }
    }
}
