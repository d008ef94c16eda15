package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a function's output (the JSON bytes Lambda returns) to the HTTP response, by the format 2.0 rules
 * (aws-protocols.md A.2):
 * <ul>
 *   <li>a JSON object with {@code statusCode}: {@code statusCode} (an integer 100-599), {@code headers} (an object of
 *       scalar values), {@code multiValueHeaders} (an object of arrays of scalars; for a name in both, only the
 *       {@code multiValueHeaders} values are sent, as API Gateway merges them), {@code cookies} (each becomes one
 *       {@code set-cookie}), {@code body} (a string, base64-decoded when {@code isBase64Encoded} is true); a null
 *       member is as if absent;</li>
 *   <li>any other valid JSON (including {@code null}, what a Java handler returning null produces): inferred
 *       {@code 200}, {@code content-type: application/json}, the body being the output itself, or a JSON string's
 *       text;</li>
 *   <li>anything malformed (not JSON, a wrong type, a bad status, bad base64, a header with a line break) or an output
 *       over Lambda's 6 MB response limit: {@code 500 {"message":"Internal Server Error"}}.</li>
 * </ul>
 * {@code content-length}, {@code transfer-encoding} and {@code connection} from the function are dropped: the server
 * frames the response itself.
 */
public final class ResponseMapper {
    /** The members a REST API's proxy response may have; any other makes it malformed (observed with {@code cookies}). */
    private static final java.util.Set<String> PAYLOAD_1_MEMBERS = java.util.Set.of("statusCode", "headers",
            "multiValueHeaders", "body", "isBase64Encoded");

    private static final Logger LOG = LoggerFactory.getLogger(ResponseMapper.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Thrown inside the mapping when the output does not follow the format; becomes a 500. */
    static final class MalformedResponse extends Exception {
        MalformedResponse(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean payload1;

    /** The HTTP API's mapping (format 2.0). */
    public ResponseMapper() {
        this(false);
    }

    private ResponseMapper(boolean payload1) {
        this.payload1 = payload1;
    }

    /**
     * A REST API's mapping of a Lambda proxy response (format 1.0): a JSON object with an integer {@code statusCode}
     * and no members but {@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body},
     * {@code isBase64Encoded}; anything else (no statusCode, {@code cookies}, a bare JSON value) is malformed: 502
     * {@code {"message": "Internal server error"}}.
     */
    public static ResponseMapper restApi() {
        return new ResponseMapper(true);
    }

    public GatewayResponse map(byte[] output) {
        try {
            return mapOrThrow(output);
        } catch (MalformedResponse e) {
            LOG.warn("Malformed Lambda proxy response: {}", e.getMessage());
            return payload1 ? RestErrors.internalServerError() : GatewayErrors.internalError();
        }
    }

    GatewayResponse mapOrThrow(byte[] output) throws MalformedResponse {
        if (output == null) {
            throw new MalformedResponse("the function returned no output");
        }
        if (output.length > GatewayLimits.MAX_FUNCTION_RESPONSE_BYTES) {
            throw new MalformedResponse("the output is " + output.length + " bytes, over Lambda's response limit of "
                    + GatewayLimits.MAX_FUNCTION_RESPONSE_BYTES);
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(output);
        } catch (IOException e) {
            throw new MalformedResponse("the output is not JSON");
        }
        if (json == null || json.isMissingNode()) {
            throw new MalformedResponse("the output is empty");
        }
        if (payload1) {
            if (!json.isObject() || !json.has("statusCode")) {
                throw new MalformedResponse("a REST API needs an object with a statusCode, got " + json.getNodeType());
            }
            for (java.util.Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!PAYLOAD_1_MEMBERS.contains(name)) {
                    throw new MalformedResponse("'" + name + "' is not a member of a REST API's proxy response");
                }
            }
        }
        if (json.isObject() && json.has("statusCode")) {
            return structured(json);
        }
        String body = json.isTextual() ? json.textValue() : new String(output, StandardCharsets.UTF_8).strip();
        return new GatewayResponse(200, List.of(Map.entry("content-type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static GatewayResponse structured(JsonNode json) throws MalformedResponse {
        JsonNode status = json.get("statusCode");
        if (!status.isIntegralNumber() || !status.canConvertToInt() || status.intValue() < 100 || status.intValue() > 599) {
            throw new MalformedResponse("statusCode " + status + " is not an integer from 100 to 599");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonNode single = present(json, "headers");
        JsonNode multi = present(json, "multiValueHeaders");
        if (single != null) {
            requireObject(single, "headers");
            for (Map.Entry<String, JsonNode> h : single.properties()) {
                if (multi == null || !hasIgnoreCase(multi, h.getKey())) {
                    add(headers, h.getKey(), scalar(h.getValue(), "headers." + h.getKey()));
                }
            }
        }
        if (multi != null) {
            requireObject(multi, "multiValueHeaders");
            for (Map.Entry<String, JsonNode> h : multi.properties()) {
                if (!h.getValue().isArray()) {
                    throw new MalformedResponse("multiValueHeaders." + h.getKey() + " is not an array");
                }
                for (JsonNode value : h.getValue()) {
                    add(headers, h.getKey(), scalar(value, "multiValueHeaders." + h.getKey()));
                }
            }
        }
        JsonNode cookies = present(json, "cookies");
        if (cookies != null) {
            if (!cookies.isArray()) {
                throw new MalformedResponse("cookies is not an array");
            }
            for (JsonNode cookie : cookies) {
                if (!cookie.isTextual()) {
                    throw new MalformedResponse("cookies holds a " + cookie.getNodeType() + ", not a string");
                }
                add(headers, "set-cookie", cookie.textValue());
            }
        }
        return new GatewayResponse(status.intValue(), headers, body(json));
    }

    private static byte[] body(JsonNode json) throws MalformedResponse {
        JsonNode base64 = present(json, "isBase64Encoded");
        if (base64 != null && !base64.isBoolean()) {
            throw new MalformedResponse("isBase64Encoded is not a boolean");
        }
        JsonNode body = present(json, "body");
        if (body == null) {
            return new byte[0];
        }
        if (!body.isTextual()) {
            throw new MalformedResponse("body is a " + body.getNodeType() + ", not a string");
        }
        if (base64 != null && base64.booleanValue()) {
            try {
                return Base64.getDecoder().decode(body.textValue());
            } catch (IllegalArgumentException e) {
                throw new MalformedResponse("body is not valid base64 though isBase64Encoded is true");
            }
        }
        return body.textValue().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode present(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static void requireObject(JsonNode node, String field) throws MalformedResponse {
        if (!node.isObject()) {
            throw new MalformedResponse(field + " is a " + node.getNodeType() + ", not an object");
        }
    }

    private static boolean hasIgnoreCase(JsonNode object, String name) {
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static String scalar(JsonNode value, String where) throws MalformedResponse {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw new MalformedResponse(where + " is a " + value.getNodeType() + ", not a string");
    }

    private static void add(List<Map.Entry<String, String>> headers, String name, String value)
            throws MalformedResponse {
        if (name.isEmpty() || !name.chars().allMatch(ResponseMapper::tokenChar)) {
            throw new MalformedResponse("header name '" + name + "' is not a valid HTTP header name");
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new MalformedResponse("header " + name + " has a line break in its value");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.equals("connection")) {
            headers.add(Map.entry(name, value));
        }
    }

    private static boolean tokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
