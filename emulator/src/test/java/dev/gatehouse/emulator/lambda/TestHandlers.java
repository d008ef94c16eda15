package dev.gatehouse.emulator.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Handlers used by the invoker tests. */
public final class TestHandlers {
    private TestHandlers() {
    }

    /** Echoes what it was given; the generic types come through a superclass. */
    public abstract static class EchoBase<R> implements RequestHandler<APIGatewayV2HTTPEvent, R> {
    }

    public static final class Echo extends EchoBase<Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            context.getLogger().log("echo " + event.getRawPath());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("identityId", event.getRequestContext().getAuthorizer().getIam().getCognitoIdentity().getIdentityId());
            out.put("body", event.getBody());
            out.put("isBase64Encoded", event.getIsBase64Encoded());
            out.put("TABLE_NAME", System.getProperty("TABLE_NAME"));
            out.put("functionName", context.getFunctionName());
            out.put("arn", context.getInvokedFunctionArn());
            out.put("version", context.getFunctionVersion());
            out.put("memory", context.getMemoryLimitInMB());
            out.put("logGroup", context.getLogGroupName());
            out.put("requestId", context.getAwsRequestId());
            out.put("nothing", null);
            return out;
        }
    }

    public static final class Respond implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(201).withBody(event.getBody()).build();
        }
    }

    public static final class Upper implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            byte[] bytes = input.readAllBytes();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Character.toUpperCase(bytes[i]);
            }
            output.write(bytes);
        }
    }

    public static final class Fails implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
            throw new IllegalStateException("note not found", new IllegalArgumentException("bad id"));
        }
    }

    /** Blocks until interrupted; counts the interruption. */
    public static final class Hangs implements RequestHandler<Map<String, Object>, String> {
        public static final CountDownLatch INTERRUPTED = new CountDownLatch(1);

        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                INTERRUPTED.countDown();
            }
            return "late";
        }
    }

    /** Reports the remaining time twice, across a blocking call, and its thread. */
    public static final class Clock implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        @Override
        public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
            int first = context.getRemainingTimeInMillis();
            try {
                new CountDownLatch(1).await(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Map.of("first", first, "second", context.getRemainingTimeInMillis(),
                    "thread", Thread.currentThread().getName(), "daemon", Thread.currentThread().isDaemon());
        }
    }

    /** A handler named with ::method. */
    public static final class Plain {
        public String greet(String name, Context context) {
            return "hello " + name + " from " + context.getFunctionName();
        }
    }

    public static final class NoDefaultConstructor implements RequestHandler<String, String> {
        public NoDefaultConstructor(String x) {
        }

        @Override
        public String handleRequest(String input, Context context) {
            return input;
        }
    }

    public static final class NotAHandler {
    }
}
