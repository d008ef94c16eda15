package dev.gatehouse.emulator.apigateway;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers API Gateway gives each request. They name a request and are no secret (they are sent in headers and
 * events), so they come from each thread's own generator: a shared {@code SecureRandom} read {@code /dev/urandom}
 * under one lock for every request.
 */
public final class RequestIds {
    private static final HexFormat HEX = HexFormat.of();

    private RequestIds() {
    }

    /**
     * A new request id in the HTTP API's shape: 16 characters of base64 ending in {@code =} (11 random bytes), e.g.
     * {@code Mc7UVioPPHcEKPA=}; the event's {@code requestContext.requestId} and the {@code apigw-requestid} header.
     */
    public static String newRequestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** An X-Ray trace header value: {@code Root=1-<8 hex: epoch seconds>-<24 hex random>}. */
    public static String newTraceId(Instant at) {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "Root=1-" + HEX.toHexDigits((int) at.getEpochSecond()) + "-" + HEX.formatHex(bytes);
    }
}
