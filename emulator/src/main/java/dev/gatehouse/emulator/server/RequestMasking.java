package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.record.CallRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The request as recorded: signatures, tokens and passwords masked, so a record can be shared. */
final class RequestMasking {
    static final String MASK = "****";
    /** {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=<hex>} and nothing else. */
    private static final Pattern SIGV4_AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256\\s+(?:(?:Credential=[^,\\s]*"
            + "|SignedHeaders=[a-zA-Z0-9;:_-]*|Signature=[0-9a-fA-F]*)\\s*,?\\s*)*");
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "((?:X-Amz-Signature|X-Amz-Security-Token)=)[^&]*", Pattern.CASE_INSENSITIVE);
    private static final Set<String> SECRET_HEADERS = Set.of("x-amz-security-token", "cookie");
    /** Query string parameters masked in an event's {@code queryStringParameters} (names as sent, case-sensitive). */
    private static final Set<String> QUERY_SECRET_PARAMETERS = Set.of("X-Amz-Signature", "X-Amz-Security-Token");
    private static final Set<String> SECRET_FIELDS = Set.of("password", "previouspassword", "proposedpassword",
            "temporarypassword", "new_password", "password_claim_signature", "password_claim_secret_block",
            "secret_block", "srp_a", "refresh_token", "accesstoken", "idtoken", "refreshtoken", "token", "session",
            "secretkey", "sessiontoken", "secret_hash", "confirmationcode", "logins");
    /** Bodies in the record (request, event, response) are kept whole up to this size, else their first bytes. */
    static final int MAX_RECORDED_BODY = 16 * 1024;

    private RequestMasking() {
    }

    /**
     * The request as recorded (its body as text when JSON or text), written to JSON text when the record is first read:
     * keeps the request (of a body longer than {@link #MAX_RECORDED_BODY}, the part recorded).
     */
    static CallRecord.JsonText maskLater(IncomingRequest request) {
        int bodyBytes = request.body().length;
        IncomingRequest kept = bodyBytes <= MAX_RECORDED_BODY ? request : new IncomingRequest(request.method(),
                request.rawPath(), request.rawQuery(), request.headers(), recordedPart(request.body()),
                request.sourceIp(), request.protocol(), request.receivedAt(), request.signatureTime());
        return CallRecord.JsonText.later((g, trees) -> writeMasked(kept, bodyBytes, g));
    }

    /**
     * What a record keeps of a body (request or response) until it is written: all of it up to
     * {@link #MAX_RECORDED_BODY} bytes, else its first {@link #MAX_RECORDED_BODY} bytes (a copy).
     */
    static byte[] recordedPart(byte[] body) {
        return body.length <= MAX_RECORDED_BODY ? body : Arrays.copyOf(body, MAX_RECORDED_BODY);
    }

    /** @param bodyBytes the length of the body as received ({@code request}'s may be its first bytes only) */
    private static void writeMasked(IncomingRequest request, int bodyBytes, JsonGenerator g) throws IOException {
        g.writeStartObject();
        base(request, g);
        if (bodyBytes > 0) {
            String contentType = String.valueOf(request.header("Content-Type")).toLowerCase(Locale.ROOT);
            if (contentType.contains("json") || contentType.startsWith("text/")) {
                g.writeStringField("body", new String(request.body(), 0,
                        Math.min(request.body().length, MAX_RECORDED_BODY), StandardCharsets.UTF_8));
            }
            g.writeNumberField("bodyBytes", bodyBytes);
        }
        g.writeEndObject();
    }

    /** The request as recorded with its parsed JSON body, secret fields masked ({@link #maskFields}). */
    static CallRecord.JsonText mask(IncomingRequest request, JsonNode input) {
        return CallRecord.JsonText.write((g, trees) -> {
            g.writeStartObject();
            base(request, g);
            if (input != null) {
                g.writeFieldName("body");
                maskFields(input.deepCopy()).serialize(g, trees);
            }
            g.writeEndObject();
        });
    }

    private static void base(IncomingRequest request, JsonGenerator g) throws IOException {
        g.writeStringField("method", request.method());
        g.writeStringField("rawPath", request.rawPath());
        if (request.rawQuery() != null) {
            g.writeStringField("rawQuery", QUERY_SECRET.matcher(request.rawQuery()).replaceAll("$1" + MASK));
        }
        g.writeArrayFieldStart("headers");
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            String value = name.equals("authorization") ? maskAuthorization(h.getValue())
                    : SECRET_HEADERS.contains(name) ? MASK : h.getValue();
            g.writeStartArray();
            g.writeString(h.getKey());
            g.writeString(value);
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeStringField("sourceIp", request.sourceIp());
    }

    /** Events up to this size are kept as sent and masked when the record is first read; larger ones now. */
    static final int MAX_EVENT_KEPT = 64 * 1024;

    /**
     * {@link #maskEvent}, written when the record is first read, from the event's JSON as handed to the function
     * ({@code eventJson}, {@code event}'s text); masked now when that is over {@link #MAX_EVENT_KEPT} bytes, so that no
     * record keeps a large event.
     */
    static CallRecord.JsonText maskEventLater(ObjectNode event, byte[] eventJson) {
        if (event == null) {
            return null;
        }
        if (eventJson == null || eventJson.length > MAX_EVENT_KEPT) {
            return maskEvent(event);
        }
        return CallRecord.JsonText.later((g, trees) -> maskedEvent(
                (ObjectNode) AwsJsonEndpoint.JSON.readTree(eventJson)).write(g, trees));
    }

    /**
     * The event as recorded (payload 2.0 or 1.0), written straight to JSON text (the event itself is not changed):
     * the signature in the {@code Authorization} header, the session token, the cookies and a presigned query's
     * signature and token masked, in {@code headers} and in payload 1.0's {@code multiValueHeaders} and
     * {@code multiValueQueryStringParameters} alike (the handler itself gets them unmasked, as on AWS); a body longer
     * than {@link #MAX_RECORDED_BODY} cut there, with its length in {@code bodyLength}.
     */
    static CallRecord.JsonText maskEvent(ObjectNode event) {
        if (event == null) {
            return null;
        }
        return CallRecord.JsonText.write(maskedEvent(event));
    }

    private static CallRecord.JsonText.Writing maskedEvent(ObjectNode event) {
        JsonNode body = event.get("body");
        boolean cut = body != null && body.isTextual() && body.asText().length() > MAX_RECORDED_BODY;
        return (g, trees) -> {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                JsonNode value = field.getValue();
                g.writeFieldName(name);
                if (cut && name.equals("body")) {
                    g.writeString(body.asText().substring(0, MAX_RECORDED_BODY) + "...");
                } else if (cut && name.equals("bodyLength")) {
                    g.writeNumber(body.asText().length());
                } else if (name.equals("headers") && value instanceof ObjectNode headers) {
                    writeMaskedHeaders(headers, g, trees);
                } else if (name.equals("multiValueHeaders") && value instanceof ObjectNode headers) {
                    writeMaskedHeaders(headers, g, trees); // payload 1.0: each header's values as an array
                } else if (name.equals("cookies") && value instanceof ArrayNode cookies) {
                    g.writeStartArray();
                    for (JsonNode cookie : cookies) {
                        String c = cookie.asText();
                        int eq = c.indexOf('=');
                        g.writeString((eq < 0 ? c : c.substring(0, eq + 1)) + MASK);
                    }
                    g.writeEndArray();
                } else if (name.equals("rawQueryString") && value.isTextual()) {
                    g.writeString(QUERY_SECRET.matcher(value.asText()).replaceAll("$1" + MASK));
                } else if ((name.equals("queryStringParameters") || name.equals("multiValueQueryStringParameters"))
                        && value instanceof ObjectNode q) {
                    g.writeStartObject();
                    for (Iterator<Map.Entry<String, JsonNode>> p = q.fields(); p.hasNext(); ) {
                        Map.Entry<String, JsonNode> parameter = p.next();
                        g.writeFieldName(parameter.getKey());
                        if (QUERY_SECRET_PARAMETERS.contains(parameter.getKey())) {
                            writeMasked(parameter.getValue(), v -> MASK, g);
                        } else {
                            parameter.getValue().serialize(g, trees);
                        }
                    }
                    g.writeEndObject();
                } else {
                    value.serialize(g, trees);
                }
            }
            if (cut && !event.has("bodyLength")) {
                g.writeNumberField("bodyLength", body.asText().length());
            }
            g.writeEndObject();
        };
    }

    /**
     * An event's {@code headers} (a value per name) or payload 1.0's {@code multiValueHeaders} (an array of values per
     * name): the signature in {@code Authorization} and the values of the secret headers masked.
     */
    private static void writeMaskedHeaders(ObjectNode headers, JsonGenerator g, SerializerProvider trees)
            throws IOException {
        g.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> h = headers.fields(); h.hasNext(); ) {
            Map.Entry<String, JsonNode> header = h.next();
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            g.writeFieldName(header.getKey());
            if (lower.equals("authorization")) {
                writeMasked(header.getValue(), RequestMasking::maskAuthorization, g);
            } else if (SECRET_HEADERS.contains(lower)) {
                writeMasked(header.getValue(), v -> MASK, g);
            } else {
                header.getValue().serialize(g, trees);
            }
        }
        g.writeEndObject();
    }

    /** A value, or each value of an array, masked by {@code mask} (a null stays null). */
    private static void writeMasked(JsonNode value, java.util.function.UnaryOperator<String> mask, JsonGenerator g)
            throws IOException {
        if (value instanceof ArrayNode values) {
            g.writeStartArray();
            for (JsonNode v : values) {
                writeMasked(v, mask, g);
            }
            g.writeEndArray();
        } else if (value == null || value.isNull()) {
            g.writeNull();
        } else {
            g.writeString(mask.apply(value.asText()));
        }
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
        if (isPlainSigV4(trimmed) || SIGV4_AUTHORIZATION.matcher(trimmed).matches()) {
            return maskSignatures(value);
        }
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? "" : trimmed.substring(0, space);
        return scheme.matches("[A-Za-z][A-Za-z0-9_-]{0,19}") ? scheme + " " + MASK : MASK;
    }

    /**
     * Every {@code Signature=} followed by hex digits, with the digits masked: what
     * {@code Pattern.compile("(Signature=)[0-9a-fA-F]+").matcher(value).replaceAll("$1****")} gives, in one pass.
     */
    static String maskSignatures(String value) {
        String name = "Signature=";
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        for (int at = value.indexOf(name); at >= 0; at = value.indexOf(name, from)) {
            int end = at + name.length();
            while (end < value.length() && isHex(value.charAt(end))) {
                end++;
            }
            if (end == at + name.length()) { // no digits: not a match, look again from the next character
                from = at + 1;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length());
            }
            out.append(value, copied, at + name.length()).append(MASK);
            copied = end;
            from = end;
        }
        return out == null ? value : out.append(value, copied, value.length()).toString();
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * True for the form every SDK sends, {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=<hex>}:
     * one instance of {@link #SIGV4_AUTHORIZATION}, checked in one pass (that pattern's repeated alternatives cost
     * more than the rest of the record's masking). False says nothing: the pattern decides then.
     */
    static boolean isPlainSigV4(String s) {
        String scheme = "AWS4-HMAC-SHA256";
        if (!s.startsWith(scheme)) {
            return false;
        }
        int i = scheme.length();
        int spaces = skipSpaces(s, i);
        if (spaces == i) {
            return false;
        }
        i = item(s, spaces, "Credential=", c -> c != ',' && !isSpace(c));
        i = i < 0 ? -1 : item(s, comma(s, i), "SignedHeaders=", c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9' || c == ';' || c == ':' || c == '_' || c == '-');
        i = i < 0 ? -1 : item(s, comma(s, i), "Signature=", c -> isHex((char) c));
        return i == s.length();
    }

    /** After {@code name} at {@code from}, the end of the run of value characters; -1 when {@code name} is not there. */
    private static int item(String s, int from, String name, java.util.function.IntPredicate valueChar) {
        if (from < 0 || !s.startsWith(name, from)) {
            return -1;
        }
        int i = from + name.length();
        while (i < s.length() && valueChar.test(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** After optional spaces, one comma, optional spaces at {@code from}; -1 when there is no comma. */
    private static int comma(String s, int from) {
        int i = skipSpaces(s, from);
        return i < s.length() && s.charAt(i) == ',' ? skipSpaces(s, i + 1) : -1;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The pattern's {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
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
