package dev.gatehouse.emulator.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.List;
import java.util.Map;

/** Functions answering a REST API with proxy responses that are well formed or not, by the 1.0 rules. */
public final class RestResponses {
    private RestResponses() {
    }

    /** {@code cookies} belongs to format 2.0 only: malformed for a REST API. */
    public static final class WithCookies implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return Map.of("statusCode", 200, "body", "hi", "cookies", List.of("a=1"));
        }
    }

    /** A bare JSON object: an HTTP API would infer a 200, a REST API finds it malformed. */
    public static final class NoStatusCode implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return Map.of("message", "hello");
        }
    }

    public static final class Fails implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            throw new IllegalStateException("planned failure");
        }
    }

    /** {@code headers} and {@code multiValueHeaders} together: for a name in both, only the multi values are sent. */
    public static final class MultiValue implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            return Map.of("statusCode", 201, "headers", Map.of("X-Single", "one", "X-Both", "single"),
                    "multiValueHeaders", Map.of("X-Both", List.of("m1", "m2")),
                    "body", "aGVsbG8=", "isBase64Encoded", true);
        }
    }
}
