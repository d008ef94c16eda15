package dev.gatehouse.emulator.apigateway;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** Identifiers API Gateway gives each request. */
public final class RequestIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    /**
     * A new request id in the HTTP API's shape: 16 characters of base64 ending in {@code =} (11 random bytes), e.g.
     * {@code Mc7UVioPPHcEKPA=}; the event's {@code requestContext.requestId} and the {@code apigw-requestid} header.
     */
    public static String newRequestId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** An X-Ray trace header value: {@code Root=1-<8 hex: epoch seconds>-<24 hex random>}. */
    public static String newTraceId(Instant at) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "Root=1-" + String.format("%08x", at.getEpochSecond()) + "-" + HexFormat.of().formatHex(bytes);
    }
}
