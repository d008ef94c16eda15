package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.http.IncomingRequest;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The request as recorded: signatures, tokens and passwords masked, so a record can be shared. */
final class RequestMasking {
    static final String MASK = "****";
    private static final Pattern SIGNATURE = Pattern.compile("(Signature=)[0-9a-fA-F]+");
    /** {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=<hex>} and nothing else. */
    private static final Pattern SIGV4_AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256\\s+(?:(?:Credential=[^,\\s]*"
            + "|SignedHeaders=[a-zA-Z0-9;:_-]*|Signature=[0-9a-fA-F]*)\\s*,?\\s*)*");
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "((?:X-Amz-Signature|X-Amz-Security-Token)=)[^&]*", Pattern.CASE_INSENSITIVE);
    private static final Set<String> SECRET_HEADERS = Set.of("x-amz-security-token", "cookie");
    private static final Set<String> SECRET_FIELDS = Set.of("password", "previouspassword", "proposedpassword",
            "temporarypassword", "new_password", "password_claim_signature", "password_claim_secret_block",
            "secret_block", "srp_a", "refresh_token", "accesstoken", "idtoken", "refreshtoken", "token", "session",
            "secretkey", "sessiontoken", "secret_hash", "confirmationcode", "logins");
    /** Bodies in the record (request, event, response) are kept whole up to this size, else their first bytes. */
    static final int MAX_RECORDED_BODY = 16 * 1024;

    private RequestMasking() {
    }

    static JsonNode mask(IncomingRequest request) {
        ObjectNode n = base(request);
        String contentType = String.valueOf(request.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (request.body().length > 0) {
            if (contentType.contains("json") || contentType.startsWith("text/")) {
                String text = new String(request.body(), 0, Math.min(request.body().length, MAX_RECORDED_BODY),
                        StandardCharsets.UTF_8);
                n.put("body", text);
            }
            n.put("bodyBytes", request.body().length);
        }
        return n;
    }

    static JsonNode mask(IncomingRequest request, JsonNode input) {
        ObjectNode n = base(request);
        if (input != null) {
            n.set("body", maskFields(input.deepCopy()));
        }
        return n;
    }

    private static ObjectNode base(IncomingRequest request) {
        ObjectNode n = AwsJsonEndpoint.JSON.createObjectNode();
        n.put("method", request.method());
        n.put("rawPath", request.rawPath());
        if (request.rawQuery() != null) {
            n.put("rawQuery", QUERY_SECRET.matcher(request.rawQuery()).replaceAll("$1" + MASK));
        }
        ArrayNode headers = n.putArray("headers");
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            String value = name.equals("authorization") ? maskAuthorization(h.getValue())
                    : SECRET_HEADERS.contains(name) ? MASK : h.getValue();
            headers.addArray().add(h.getKey()).add(value);
        }
        n.put("sourceIp", request.sourceIp());
        return n;
    }

    /**
     * The payload 2.0 event as recorded: the signature in {@code headers.authorization}, the session token and the
     * cookies masked (the handler itself gets them unmasked, as on AWS).
     */
    static JsonNode maskEvent(ObjectNode event) {
        if (event == null) {
            return null;
        }
        ObjectNode copy = event.deepCopy();
        if (copy.get("body") != null && copy.get("body").isTextual()
                && copy.get("body").asText().length() > MAX_RECORDED_BODY) {
            String body = copy.get("body").asText();
            copy.put("bodyLength", body.length());
            copy.put("body", body.substring(0, MAX_RECORDED_BODY) + "...");
        }
        if (copy.get("headers") instanceof ObjectNode headers) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (name.equals("authorization")) {
                    h.setValue(AwsJsonEndpoint.JSON.getNodeFactory().textNode(maskAuthorization(h.getValue().asText())));
                } else if (SECRET_HEADERS.contains(name)) {
                    h.setValue(AwsJsonEndpoint.JSON.getNodeFactory().textNode(MASK));
                }
            }
        }
        if (copy.get("cookies") instanceof ArrayNode cookies) {
            for (int i = 0; i < cookies.size(); i++) {
                String c = cookies.get(i).asText();
                int eq = c.indexOf('=');
                cookies.set(i, AwsJsonEndpoint.JSON.getNodeFactory().textNode((eq < 0 ? c : c.substring(0, eq + 1))
                        + MASK));
            }
        }
        if (copy.get("rawQueryString") != null && copy.get("rawQueryString").isTextual()) {
            copy.put("rawQueryString", QUERY_SECRET.matcher(copy.get("rawQueryString").asText()).replaceAll("$1" + MASK));
        }
        if (copy.get("queryStringParameters") instanceof ObjectNode q) {
            for (String name : List.of("X-Amz-Signature", "X-Amz-Security-Token")) {
                if (q.has(name)) {
                    q.put(name, MASK);
                }
            }
        }
        return copy;
    }

    /**
     * An {@code Authorization} value as recorded: a SigV4 one keeps its credential scope and signed headers with the
     * signature masked; anything else (a {@code Bearer} JWT sent by mistake, Basic, a token with no scheme) keeps only
     * its scheme word: such a value is a credential that works elsewhere (an ID token works at the identity pool).
     */
    static String maskAuthorization(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (SIGV4_AUTHORIZATION.matcher(trimmed).matches()) {
            return SIGNATURE.matcher(value).replaceAll("$1" + MASK);
        }
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? "" : trimmed.substring(0, space);
        return scheme.matches("[A-Za-z][A-Za-z0-9_-]{0,19}") ? scheme + " " + MASK : MASK;
    }

    static JsonNode maskFields(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (SECRET_FIELDS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                    e.setValue(AwsJsonEndpoint.JSON.getNodeFactory().textNode(MASK));
                } else {
                    maskFields(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(RequestMasking::maskFields);
        }
        return node;
    }

    /** The user a Cognito call names, if any (USERNAME / Username). */
    static String userOf(JsonNode input) {
        if (input == null) {
            return null;
        }
        JsonNode u = input.path("Username");
        if (u.isTextual()) {
            return u.asText();
        }
        u = input.path("AuthParameters").path("USERNAME");
        if (u.isTextual()) {
            return u.asText();
        }
        u = input.path("ChallengeResponses").path("USERNAME");
        return u.isTextual() ? u.asText() : null;
    }
}
