package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the SigV4 parts of a request strictly, refusing with AWS's messages what is incomplete or malformed. */
final class SignatureParser {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final long MAX_EXPIRES_SECONDS = 604_800;

    private SignatureParser() {
    }

    /** {@code Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=..., Signature=...}. */
    static SignatureParts fromHeader(IncomingRequest request, String authorization) {
        String amzDate = request.header("X-Amz-Date");
        String dateText = amzDate != null ? amzDate : request.header("Date");
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        String trimmed = authorization.trim();
        if (trimmed.startsWith(ALGORITHM) && trimmed.length() > ALGORITHM.length()
                && Character.isWhitespace(trimmed.charAt(ALGORITHM.length()))) {
            String params = trimmed.substring(ALGORITHM.length() + 1);
            int start = 0;
            while (start <= params.length()) {
                int comma = params.indexOf(',', start);
                int end = comma < 0 ? params.length() : comma;
                String part = params.substring(start, end).trim();
                if (!part.isEmpty()) {
                    int eq = part.indexOf('=');
                    if (eq < 0) {
                        throw new Refusal(RefusalReason.INCOMPLETE_SIGNATURE,
                                "'" + part + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                                        + authorization + "'.",
                                "the Authorization header is malformed: '" + abbreviated(part) + "' has no '='", null);
                    }
                    String key = part.substring(0, eq).trim();
                    String value = part.substring(eq + 1).trim();
                    if (key.equals("Credential") && credential == null) {
                        credential = value;
                    } else if (key.equals("SignedHeaders") && signedHeaders == null) {
                        signedHeaders = value;
                    } else if (key.equals("Signature") && signature == null) {
                        signature = value;
                    }
                }
                start = end + 1;
            }
        }
        if (credential == null || signedHeaders == null || signature == null || dateText == null) {
            StringBuilder message = new StringBuilder(160);
            if (credential == null) {
                message.append("Authorization header requires 'Credential' parameter. ");
            }
            if (signature == null) {
                message.append("Authorization header requires 'Signature' parameter. ");
            }
            if (signedHeaders == null) {
                message.append("Authorization header requires 'SignedHeaders' parameter. ");
            }
            if (dateText == null) {
                message.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
            }
            message.append("Authorization=").append(authorization);
            String explanation = trimmed.startsWith(ALGORITHM)
                    ? "the Authorization header lacks parts of a SigV4 signature: " + missing(credential, signedHeaders, signature, dateText)
                    : "the Authorization header is not a SigV4 signature (it must start with " + ALGORITHM
                      + "; a JWT or Basic credential is not accepted on an AWS_IAM route)";
            throw new Refusal(RefusalReason.INCOMPLETE_SIGNATURE, message.toString(), explanation, null);
        }
        Instant timestamp = amzDate != null ? AmzDate.parseBasic(amzDate) : AmzDate.parseHttpDate(dateText);
        String token = joinedHeader(request, "X-Amz-Security-Token");
        return parts(AuthLocation.HEADER, credential, signedHeaders, signature, dateText, timestamp, -1, token);
    }

    /** The first characters of a part of a malformed header: enough to recognize, not a credential to reuse. */
    private static String abbreviated(String part) {
        return part.length() <= 12 ? part : part.substring(0, 8) + "...";
    }

    /** Presigned: X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature. */
    static SignatureParts fromQuery(IncomingRequest request, List<QueryParameter> query) {
        String algorithm = QueryParameter.first(query, "X-Amz-Algorithm");
        String credential = QueryParameter.first(query, "X-Amz-Credential");
        String date = QueryParameter.first(query, "X-Amz-Date");
        String expires = QueryParameter.first(query, "X-Amz-Expires");
        String signedHeaders = QueryParameter.first(query, "X-Amz-SignedHeaders");
        String signature = QueryParameter.first(query, QueryParameter.SIGNATURE);
        if (algorithm == null || credential == null || date == null || signedHeaders == null || signature == null) {
            throw new Refusal(RefusalReason.INCOMPLETE_SIGNATURE,
                    "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                            + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
                    "the presigned URL lacks parameters: " + missingQuery(algorithm, credential, date, signedHeaders, signature),
                    null);
        }
        if (!algorithm.equals(ALGORITHM)) {
            throw new Refusal(RefusalReason.INCOMPLETE_SIGNATURE,
                    "X-Amz-Algorithm only supports \"" + ALGORITHM + "\"",
                    "the presigned URL names algorithm '" + algorithm + "'; only " + ALGORITHM + " is supported", null);
        }
        if (expires == null) {
            throw new Refusal(RefusalReason.INCOMPLETE_SIGNATURE,
                    "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                            + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
                    "the presigned URL lacks parameters: X-Amz-Expires", null);
        }
        long expiresSeconds = parseExpires(expires);
        String token = QueryParameter.first(query, QueryParameter.SECURITY_TOKEN);
        if (token == null) {
            token = joinedHeader(request, "X-Amz-Security-Token");
        }
        return parts(AuthLocation.QUERY_STRING, credential, signedHeaders, signature, date, AmzDate.parseBasic(date),
                expiresSeconds, token);
    }

    private static SignatureParts parts(AuthLocation location, String credential, String signedHeadersText,
                                        String signature, String dateText, Instant timestamp, long expires,
                                        String token) {
        String[] scope = splitCredential(credential);
        List<String> signedHeaders = splitSignedHeaders(signedHeadersText);
        String credentialScope = scope == null ? credential : credential.substring(credential.indexOf('/') + 1);
        DeclaredSignature declared = new DeclaredSignature(location, scope == null ? null : scope[0], credentialScope,
                signedHeaders, dateText, signature);
        if (scope == null) {
            throw new Refusal(RefusalReason.MALFORMED_CREDENTIAL,
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
                            + credential + "'",
                    "the Credential is not AKID/yyyymmdd/region/service/aws4_request", declared);
        }
        if (timestamp == null) {
            throw new Refusal(RefusalReason.MALFORMED_DATE,
                    "Date must be in ISO-8601 'basic format'. Got '" + dateText + "'. See http://en.wikipedia.org/wiki/ISO_8601",
                    "the request date '" + dateText + "' is not in the form 20150830T123600Z", declared);
        }
        String requestDate = AmzDate.parseBasic(dateText) != null ? dateText : AmzDate.format(timestamp);
        return new SignatureParts(location, scope[0], scope[1], scope[2], scope[3], scope[4], credentialScope,
                signedHeadersText, signedHeaders, signature, requestDate, timestamp, expires, token, declared);
    }

    private static long parseExpires(String expires) {
        if (expires.isEmpty() || expires.length() > 18) {
            throw malformedExpires("X-Amz-Expires should be a number", expires);
        }
        long value = 0;
        for (int i = 0; i < expires.length(); i++) {
            char c = expires.charAt(i);
            if (c == '-' && i == 0 && expires.length() > 1) {
                throw malformedExpires("X-Amz-Expires must be non-negative", expires);
            }
            if (c < '0' || c > '9') {
                throw malformedExpires("X-Amz-Expires should be a number", expires);
            }
            value = value * 10 + (c - '0');
        }
        if (value > MAX_EXPIRES_SECONDS) {
            throw malformedExpires("X-Amz-Expires must be less than a week (in seconds) that is 604800", expires);
        }
        return value;
    }

    private static Refusal malformedExpires(String message, String expires) {
        return new Refusal(RefusalReason.MALFORMED_EXPIRES, message,
                "X-Amz-Expires '" + expires + "' must be a number of seconds from 0 to 604800 (7 days)", null);
    }

    private static String[] splitCredential(String credential) {
        String[] parts = new String[5];
        int start = 0;
        for (int i = 0; i < 5; i++) {
            int slash = credential.indexOf('/', start);
            if (i < 4 && slash < 0 || i == 4 && slash >= 0) {
                return null;
            }
            int end = i == 4 ? credential.length() : slash;
            parts[i] = credential.substring(start, end);
            start = end + 1;
        }
        return parts;
    }

    private static List<String> splitSignedHeaders(String text) {
        List<String> names = new ArrayList<>(6);
        int start = 0;
        while (start <= text.length()) {
            int semi = text.indexOf(';', start);
            int end = semi < 0 ? text.length() : semi;
            if (end > start) {
                names.add(text.substring(start, end).trim().toLowerCase(java.util.Locale.ROOT));
            }
            start = end + 1;
        }
        return names;
    }

    private static String joinedHeader(IncomingRequest request, String name) {
        List<String> values = request.headerValues(name);
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0).trim() : String.join(",", values).trim();
    }

    private static String missing(String credential, String signedHeaders, String signature, String date) {
        List<String> names = new ArrayList<>();
        if (credential == null) {
            names.add("Credential");
        }
        if (signedHeaders == null) {
            names.add("SignedHeaders");
        }
        if (signature == null) {
            names.add("Signature");
        }
        if (date == null) {
            names.add("an X-Amz-Date or Date header");
        }
        return String.join(", ", names);
    }

    private static String missingQuery(String algorithm, String credential, String date, String signedHeaders,
                                       String signature) {
        List<String> names = new ArrayList<>();
        if (algorithm == null) {
            names.add("X-Amz-Algorithm");
        }
        if (credential == null) {
            names.add("X-Amz-Credential");
        }
        if (date == null) {
            names.add("X-Amz-Date");
        }
        if (signedHeaders == null) {
            names.add("X-Amz-SignedHeaders");
        }
        if (signature == null) {
            names.add("X-Amz-Signature");
        }
        return String.join(", ", names);
    }
}
