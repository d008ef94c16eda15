package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.http.IncomingRequest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** API Gateway's and Lambda's size limits (aws-protocols.md C, "Size limits"). */
public final class GatewayLimits {

    /** HTTP API payload: 10 MB. */
    public static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    /** HTTP API request line and headers: 10240 bytes. */
    public static final int MAX_REQUEST_LINE_AND_HEADERS_BYTES = 10240;
    /** Lambda's synchronous response limit, as Lambda's own error message states it ("6291556 bytes"). */
    public static final int MAX_FUNCTION_RESPONSE_BYTES = 6_291_556;
    /** Lambda's synchronous request (event) limit, 6 MB. */
    public static final int MAX_FUNCTION_EVENT_BYTES = 6 * 1024 * 1024;

    private GatewayLimits() {
    }

    /** A 413 when the request is over the HTTP API's limits, else empty. */
    public static Optional<GatewayResponse> check(IncomingRequest request) {
        if (request.body().length > MAX_PAYLOAD_BYTES
                || requestLineAndHeadersBytes(request) > MAX_REQUEST_LINE_AND_HEADERS_BYTES) {
            return Optional.of(GatewayErrors.requestTooLarge());
        }
        return Optional.empty();
    }

    /** {@code METHOD SP path[?query] SP protocol CRLF} plus {@code name: value CRLF} per header. */
    static int requestLineAndHeadersBytes(IncomingRequest request) {
        int size = utf8(request.method()) + 1 + utf8(request.rawPath()) + 1 + utf8(request.protocol()) + 2;
        if (request.rawQuery() != null) {
            size += 1 + utf8(request.rawQuery());
        }
        for (Map.Entry<String, String> h : request.headers()) {
            size += utf8(h.getKey()) + 2 + utf8(h.getValue()) + 2;
        }
        return size;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
