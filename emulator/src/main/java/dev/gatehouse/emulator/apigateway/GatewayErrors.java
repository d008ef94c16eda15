package dev.gatehouse.emulator.apigateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The responses an HTTP API sends itself, always {@code application/json} with a {@code {"message": ...}} body
 * (aws-protocols.md C). The caller adds {@link #REQUEST_ID_HEADER} to these and to every other response.
 */
public final class GatewayErrors {

    /** HTTP APIs name the request in this response header, e.g. {@code apigw-requestid: Mc7UVioPPHcEKPA=}. */
    public static final String REQUEST_ID_HEADER = "apigw-requestid";
    /** The error type, e.g. {@code InvalidSignatureException} (⚠ unconfirmed for HTTP APIs; REST APIs send it). */
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    /** Gatehouse's own diagnostic on a refusal (never AWS's): {@code CODE: explanation}, one printable line. */
    public static final String REASON_HEADER = "X-Gatehouse-Reason";

    private GatewayErrors() {
    }

    /** The {@link #REASON_HEADER} value: the code and the explanation on one line of printable ASCII. */
    public static String reason(String code, String explanation) {
        String text = code + (explanation == null ? "" : ": " + explanation);
        String flat = text.replaceAll("[\\r\\n]+", " ").replaceAll("[^\\x20-\\x7e]", "?");
        return flat.length() > 1000 ? flat.substring(0, 1000) : flat;
    }

    /**
     * The {@link #REASON_HEADER} value of a refused signature, for a caller no signature vouches for: an unknown
     * access key, a missing session token and a wrong one read the same, so the header does not tell whether a key
     * exists (the record and {@code ./gatehouse explain}, behind the admin token, keep the precise reason).
     */
    public static String reason(dev.gatehouse.emulator.sigv4.Verdict.Refused refused) {
        return switch (refused.reason()) {
            case UNKNOWN_ACCESS_KEY, MISSING_SESSION_TOKEN, INVALID_SESSION_TOKEN -> reason("UNRECOGNIZED_CLIENT",
                    "the access key id is not one Gatehouse issued, or the session token that must come with it is"
                            + " missing or not its own: get new credentials from the identity pool (./gatehouse"
                            + " requests and explain say which)");
            default -> reason(refused.reason().name(), refused.explanation());
        };
    }

    /** No route matches (or the path names no stage): {@code 404 {"message":"Not Found"}}. */
    public static GatewayResponse notFound() {
        return json(404, "Not Found", null);
    }

    /** An IAM failure as the HTTP API reports it: {@code 403 {"message":"Forbidden"}} with the error type header. */
    public static GatewayResponse forbidden(String errorType) {
        return json(403, "Forbidden", errorType);
    }

    /** A 403 with AWS's message for the case (e.g. the signature mismatch text of aws-protocols.md C.2). */
    public static GatewayResponse forbidden(String errorType, String message) {
        return json(403, message, errorType);
    }

    /**
     * Over a size limit ({@link GatewayLimits}): {@code 413 {"message":"Request Entity Too Large"}}. ⚠ The HTTP API's
     * exact answer is unconfirmed; REST APIs answer 413 too, with other texts.
     */
    public static GatewayResponse requestTooLarge() {
        return json(413, "Request Entity Too Large", null);
    }

    /** The function failed or answered in a malformed way: {@code 500 {"message":"Internal Server Error"}}. */
    public static GatewayResponse internalError() {
        return json(500, "Internal Server Error", null);
    }

    /** The integration timed out: {@code 503 {"message":"Service Unavailable"}}. */
    public static GatewayResponse serviceUnavailable() {
        return json(503, "Service Unavailable", null);
    }

    static GatewayResponse json(int status, String message, String errorType) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(2);
        headers.add(Map.entry("content-type", "application/json"));
        if (errorType != null) {
            headers.add(Map.entry(ERROR_TYPE_HEADER, errorType));
        }
        String body = "{\"message\":" + JsonText.quote(message) + "}";
        return new GatewayResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
