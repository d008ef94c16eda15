package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.http.IncomingRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record's masked request and event, written straight to JSON text: the exact JSON (field order, nulls, escapes)
 * the masked trees were written as before, with every secret masked; and the one-pass SigV4 check that spares the
 * regular expression agrees with it.
 */
class RequestMaskingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGV4 = "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261203/us-east-1/execute-api/"
            + "aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature="
            + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static IncomingRequest request(String rawQuery, String contentType, String body, String sourceIp) {
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>(List.of(
                Map.entry("Host", "127.0.0.1:8431"),
                Map.entry("Authorization", SIGV4),
                Map.entry("X-Amz-Security-Token", "session-token-secret"),
                Map.entry("Cookie", "a=cookie-secret"),
                Map.entry("X-Note", "caf\u00e9 \"quoted\"\n\u0001")));
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        return new IncomingRequest("POST", "/notes/a%20b", rawQuery, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), sourceIp, "HTTP/1.1", Instant.EPOCH);
    }

    @Test
    void the_request_is_written_as_before_with_its_secrets_masked() throws Exception {
        String longBody = "{\"content\":\"" + "x".repeat(RequestMasking.MAX_RECORDED_BODY) + "\"}";
        for (IncomingRequest r : List.of(
                request(null, null, null, "127.0.0.1"),
                request("a=1&X-Amz-Signature=abc&x-amz-security-token=tok", "application/json", "{\"a\":1}", null),
                request("", "text/plain; charset=utf-8", "caf\u00e9", "::1"),
                request(null, "application/octet-stream", "binary", "127.0.0.1"),
                request(null, "application/json", longBody, "127.0.0.1"))) {
            String text = RequestMasking.maskLater(r).toString();
            assertEquals(JSON.writeValueAsString(referenceMask(r)), text);
            assertFalse(text.contains("session-token-secret") || text.contains("cookie-secret")
                    || text.contains("0123456789abcdef0123") || text.contains("=abc") || text.contains("=tok"), text);
        }
        assertEquals("{\"method\":\"POST\",\"rawPath\":\"/notes/a%20b\",\"rawQuery\":\"X-Amz-Signature=****\","
                + "\"headers\":[[\"Authorization\",\"Bearer ****\"]],\"sourceIp\":null,\"bodyBytes\":2}",
                RequestMasking.maskLater(new IncomingRequest("POST", "/notes/a%20b", "X-Amz-Signature=abc",
                        List.of(Map.entry("Authorization", "Bearer eyJ.secret")), "{}".getBytes(StandardCharsets.UTF_8),
                        null, "HTTP/1.1", Instant.EPOCH)).toString(),
                "no Content-Type: only the body's size is recorded");
    }

    @Test
    void an_aws_json_request_is_written_with_its_secret_fields_masked() throws Exception {
        IncomingRequest r = request(null, "application/x-amz-json-1.1", "{}", "127.0.0.1");
        JsonNode input = JSON.readTree("{\"AuthFlow\":\"USER_SRP_AUTH\",\"AuthParameters\":{\"USERNAME\":\"u\","
                + "\"SRP_A\":\"secret-a\",\"PASSWORD\":\"secret-p\"},\"Logins\":{\"x\":\"secret-token\"}}");
        String text = RequestMasking.mask(r, input).toString();
        ObjectNode expected = (ObjectNode) referenceBase(r);
        expected.set("body", RequestMasking.maskFields(input.deepCopy()));
        assertEquals(JSON.writeValueAsString(expected), text);
        assertFalse(text.contains("secret-"), text);
        assertTrue(input.toString().contains("secret-a"), "the call's own input is not changed");
    }

    @Test
    void the_event_is_written_as_before_with_its_secrets_masked() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree("""
                {"version":"2.0","routeKey":"GET /notes","rawPath":"/notes",
                 "rawQueryString":"X-Amz-Signature=abc&X-Amz-Security-Token=tok&a=1",
                 "cookies":["a=cookie-secret","flag"],
                 "headers":{"authorization":"%s","x-amz-security-token":"session-token-secret","cookie":"c=s",
                  "x-note":"caf\\u00e9 \\"q\\"","x-n":7},
                 "queryStringParameters":{"X-Amz-Signature":"abc","X-Amz-Security-Token":"tok","a":"1",
                  "x-amz-signature":"lower"},
                 "requestContext":{"http":{"method":"GET"},"timeEpoch":1764720000000,"n":1.5,"z":null},
                 "body":null,"isBase64Encoded":false}""".formatted(SIGV4));
        String before = event.toString();
        String text = RequestMasking.maskEvent(event).toString();
        assertEquals(JSON.writeValueAsString(referenceMaskEvent(event)), text);
        assertEquals(before, event.toString(), "the handler's event is not changed");
        for (String secret : List.of("session-token-secret", "cookie-secret", "=abc", "=tok", "0123456789abcdef0123",
                "\"abc\"", "\"tok\"", "c=s")) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
        assertTrue(text.contains("\"x-amz-signature\":\"lower\""), "only the names API Gateway's own are masked");
    }

    @Test
    void a_payload_1_0_event_has_its_secrets_masked_in_the_multi_value_maps_too() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree("""
                {"resource":"/probe/{proxy+}","httpMethod":"GET",
                 "headers":{"Authorization":"%1$s","X-Amz-Security-Token":"session-token-secret","Cookie":"c=s",
                  "x-note":"kept"},
                 "multiValueHeaders":{"Authorization":["%1$s"],"X-Amz-Security-Token":["session-token-secret"],
                  "Cookie":["c=s","d=t"],"x-note":["kept","again"]},
                 "queryStringParameters":{"X-Amz-Signature":"query-sig-secret","a":"1"},
                 "multiValueQueryStringParameters":{"X-Amz-Signature":["query-sig-secret"],"X-Amz-Security-Token":["query-token-secret"],
                  "a":["1","2"]},
                 "body":null,"isBase64Encoded":false}""".formatted(SIGV4));
        String text = RequestMasking.maskEvent(event).toString();
        for (String secret : List.of("session-token-secret", "0123456789abcdef0123", "c=s", "d=t", "query-sig-secret", "query-token-secret")) {
            assertFalse(text.contains(secret), secret + " in " + text);
        }
        JsonNode masked = JSON.readTree(text);
        assertEquals(JSON.readTree("[\"****\"]"), masked.at("/multiValueHeaders/X-Amz-Security-Token"));
        assertEquals(JSON.readTree("[\"****\",\"****\"]"), masked.at("/multiValueHeaders/Cookie"));
        assertEquals(masked.at("/headers/Authorization"), masked.at("/multiValueHeaders/Authorization/0"));
        assertTrue(masked.at("/headers/Authorization").asText().endsWith("Signature=****"), text);
        assertEquals(JSON.readTree("[\"****\"]"), masked.at("/multiValueQueryStringParameters/X-Amz-Signature"));
        assertEquals(JSON.readTree("[\"kept\",\"again\"]"), masked.at("/multiValueHeaders/x-note"));
        assertEquals(JSON.readTree("[\"1\",\"2\"]"), masked.at("/multiValueQueryStringParameters/a"));
        assertEquals(event.size(), masked.size(), "every field kept");
    }

    @Test
    void a_long_event_body_is_cut_and_its_length_kept() throws Exception {
        String body = "y".repeat(RequestMasking.MAX_RECORDED_BODY + 5);
        ObjectNode plain = JSON.createObjectNode().put("version", "2.0").put("body", body).put("isBase64Encoded", false);
        String text = RequestMasking.maskEvent(plain).toString();
        assertEquals(JSON.writeValueAsString(referenceMaskEvent(plain)), text);
        assertTrue(text.endsWith("...\",\"isBase64Encoded\":false,\"bodyLength\":" + body.length() + "}"), text);

        ObjectNode withLength = JSON.createObjectNode().put("bodyLength", 1).put("body", body).put("z", 1);
        assertEquals(JSON.writeValueAsString(referenceMaskEvent(withLength)),
                RequestMasking.maskEvent(withLength).toString());
        ObjectNode shortBody = JSON.createObjectNode().put("bodyLength", 1).put("body", "short");
        assertEquals("{\"bodyLength\":1,\"body\":\"short\"}", RequestMasking.maskEvent(shortBody).toString());
        assertNull(RequestMasking.maskEvent(null));
    }

    @Test
    void written_later_the_request_and_the_event_are_the_texts_written_now() throws Exception {
        for (int length : List.of(0, 10, RequestMasking.MAX_RECORDED_BODY, RequestMasking.MAX_RECORDED_BODY + 7)) {
            byte[] body = "é".repeat(length / 2 + 1).substring(0, Math.max(0, length / 2)).getBytes(
                    StandardCharsets.UTF_8);
            IncomingRequest r = new IncomingRequest("POST", "/notes", "X-Amz-Security-Token=tok&a=1",
                    List.of(Map.entry("Authorization", SIGV4), Map.entry("Content-Type", "application/json"),
                            Map.entry("X-Amz-Security-Token", "session-token-secret")),
                    body, "127.0.0.1", "HTTP/1.1", Instant.parse("2026-12-03T10:00:00Z"));
            assertEquals(JSON.writeValueAsString(referenceMask(r)), RequestMasking.maskLater(r).toString(),
                    "length " + length);
        }
        for (int length : List.of(10, RequestMasking.MAX_RECORDED_BODY + 3, RequestMasking.MAX_EVENT_KEPT + 1)) {
            ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("body", "b".repeat(length));
            event.putObject("headers").put("authorization", SIGV4).put("x-amz-security-token", "secret-token");
            event.putObject("requestContext").put("timeEpoch", 1764720000000L).put("n", 1.5).putNull("z");
            byte[] json = event.toString().getBytes(StandardCharsets.UTF_8);
            String now = RequestMasking.maskEvent(event).toString();
            assertEquals(now, RequestMasking.maskEventLater(event, json).toString(), "length " + length);
            assertFalse(now.contains("secret-token"), now);
        }
        assertNull(RequestMasking.maskEventLater(null, null));
    }

    @Test
    void the_one_pass_sigv4_check_accepts_only_what_the_pattern_accepts() {
        Pattern pattern = Pattern.compile("AWS4-HMAC-SHA256\\s+(?:(?:Credential=[^,\\s]*"
                + "|SignedHeaders=[a-zA-Z0-9;:_-]*|Signature=[0-9a-fA-F]*)\\s*,?\\s*)*");
        assertTrue(RequestMasking.isPlainSigV4(SIGV4));
        assertTrue(RequestMasking.isPlainSigV4("AWS4-HMAC-SHA256\tCredential=a/b,SignedHeaders=host,Signature=ab"));
        assertFalse(RequestMasking.isPlainSigV4("AWS4-HMAC-SHA256Credential=a, SignedHeaders=host, Signature=ab"));
        assertFalse(RequestMasking.isPlainSigV4("AWS4-HMAC-SHA256 Credential=a, Signature=ab, SignedHeaders=host"));
        assertFalse(RequestMasking.isPlainSigV4("AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host, Signature=xyz"));
        assertFalse(RequestMasking.isPlainSigV4("AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host, Signature=ABG"));
        assertFalse(RequestMasking.isPlainSigV4("AWS4-HMAC-SHA256 Credential=a, SignedHeaders=ho/st, Signature=ab"));
        assertFalse(RequestMasking.isPlainSigV4("AWS4-HMAC-SHA256 Credential=a b, SignedHeaders=host, Signature=ab"));
        assertFalse(RequestMasking.isPlainSigV4("Bearer " + SIGV4));
        // near misses of the plain form: each check's yes must be the pattern's yes
        String alphabet = " \t\n,;:_-=/aFxzGZé";
        String[] templates = {"AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host;x-amz-date, Signature=0af9",
                "AWS4-HMAC-SHA256  Credential=,SignedHeaders=,Signature=", "AWS4-HMAC-SHA256 Credential=x , Signed"
                + "Headers=a:b_c-d , Signature=FF"};
        Random random = new Random(16);
        int plain = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder(templates[random.nextInt(templates.length)]);
            for (int k = random.nextInt(4); k > 0; k--) {
                int at = random.nextInt(s.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> s.insert(at, c);
                    case 1 -> s.deleteCharAt(at);
                    default -> s.setCharAt(at, c);
                }
            }
            String candidate = s.toString().strip();
            if (RequestMasking.isPlainSigV4(candidate)) {
                plain++;
                assertTrue(pattern.matcher(candidate).matches(), candidate);
            }
        }
        assertTrue(plain > 10_000 && plain < 190_000, "both sides of the check were tried: " + plain);
        assertEquals("AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host, Signature=****",
                RequestMasking.maskAuthorization("AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host, Signature=ab12"));
        assertEquals("AWS4-HMAC-SHA256 SignedHeaders=host, Credential=a, Signature=****",
                RequestMasking.maskAuthorization("AWS4-HMAC-SHA256 SignedHeaders=host, Credential=a, Signature=ab"),
                "another order: the pattern still decides");
        assertEquals("AWS4-HMAC-SHA256 ****",
                RequestMasking.maskAuthorization("AWS4-HMAC-SHA256 Credential=a, SignedHeaders=host, Token=secret"));
    }

    @Test
    void signatures_are_masked_as_the_pattern_masked_them() {
        Pattern signature = Pattern.compile("(Signature=)[0-9a-fA-F]+");
        String[] parts = {"Signature=", "Signature", "=", "ab", "0F9", "g", ",", " ", "SignedHeaders=", "X-Amz-"};
        Random random = new Random(3);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(7); k > 0; k--) {
                s.append(parts[random.nextInt(parts.length)]);
            }
            String value = s.toString();
            assertEquals(signature.matcher(value).replaceAll("$1****"), RequestMasking.maskSignatures(value), value);
        }
        assertEquals(SIGV4.substring(0, SIGV4.indexOf("Signature=") + 10) + "****",
                RequestMasking.maskSignatures(SIGV4));
    }

    // ---- the masked trees as the record wrote them before they were written straight to text ----

    private static JsonNode referenceMask(IncomingRequest request) {
        ObjectNode n = referenceBase(request);
        String contentType = String.valueOf(request.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (request.body().length > 0) {
            if (contentType.contains("json") || contentType.startsWith("text/")) {
                n.put("body", new String(request.body(), 0,
                        Math.min(request.body().length, RequestMasking.MAX_RECORDED_BODY), StandardCharsets.UTF_8));
            }
            n.put("bodyBytes", request.body().length);
        }
        return n;
    }

    private static ObjectNode referenceBase(IncomingRequest request) {
        ObjectNode n = JSON.createObjectNode();
        n.put("method", request.method());
        n.put("rawPath", request.rawPath());
        if (request.rawQuery() != null) {
            n.put("rawQuery", Pattern.compile("((?:X-Amz-Signature|X-Amz-Security-Token)=)[^&]*",
                    Pattern.CASE_INSENSITIVE).matcher(request.rawQuery()).replaceAll("$1****"));
        }
        ArrayNode headers = n.putArray("headers");
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            String value = name.equals("authorization") ? RequestMasking.maskAuthorization(h.getValue())
                    : name.equals("x-amz-security-token") || name.equals("cookie") ? "****" : h.getValue();
            headers.addArray().add(h.getKey()).add(value);
        }
        n.put("sourceIp", request.sourceIp());
        return n;
    }

    private static JsonNode referenceMaskEvent(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        if (copy.get("body") != null && copy.get("body").isTextual()
                && copy.get("body").asText().length() > RequestMasking.MAX_RECORDED_BODY) {
            String body = copy.get("body").asText();
            copy.put("bodyLength", body.length());
            copy.put("body", body.substring(0, RequestMasking.MAX_RECORDED_BODY) + "...");
        }
        if (copy.get("headers") instanceof ObjectNode headers) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (name.equals("authorization")) {
                    h.setValue(JSON.getNodeFactory().textNode(RequestMasking.maskAuthorization(h.getValue().asText())));
                } else if (name.equals("x-amz-security-token") || name.equals("cookie")) {
                    h.setValue(JSON.getNodeFactory().textNode("****"));
                }
            }
        }
        if (copy.get("cookies") instanceof ArrayNode cookies) {
            for (int i = 0; i < cookies.size(); i++) {
                String c = cookies.get(i).asText();
                int eq = c.indexOf('=');
                cookies.set(i, JSON.getNodeFactory().textNode((eq < 0 ? c : c.substring(0, eq + 1)) + "****"));
            }
        }
        if (copy.get("rawQueryString") != null && copy.get("rawQueryString").isTextual()) {
            copy.put("rawQueryString", Pattern.compile("((?:X-Amz-Signature|X-Amz-Security-Token)=)[^&]*",
                    Pattern.CASE_INSENSITIVE).matcher(copy.get("rawQueryString").asText()).replaceAll("$1****"));
        }
        if (copy.get("queryStringParameters") instanceof ObjectNode q) {
            for (String name : List.of("X-Amz-Signature", "X-Amz-Security-Token")) {
                if (q.has(name)) {
                    q.put(name, "****");
                }
            }
        }
        return copy;
    }
}
