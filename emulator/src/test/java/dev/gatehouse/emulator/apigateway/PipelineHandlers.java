package dev.gatehouse.emulator.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Functions behind the pipeline tests' routes, run in process by the real {@code Functions}. */
public final class PipelineHandlers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineHandlers() {
    }

    /**
     * Answers 200 with the event it was given as the body, plus CORS headers of its own (which an API with CORS
     * drops) and one header of its own (which it keeps).
     */
    public static final class Probe implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            ObjectNode response = JSON.createObjectNode();
            response.put("statusCode", 200);
            response.putObject("headers").put("content-type", "application/json")
                    .put("access-control-allow-origin", "https://evil.example")
                    .put("x-from", "function");
            response.put("body", new String(input.readAllBytes(), StandardCharsets.UTF_8));
            output.write(JSON.writeValueAsBytes(response));
        }
    }

    /** Answers 200 with the size of the event it was given, in bytes (for events near Lambda's 6 MB limit). */
    public static final class Size implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            int size = input.readAllBytes().length;
            output.write(("{\"statusCode\":200,\"body\":\"" + size + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Throws: a function error. */
    public static final class Fails implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) {
            throw new IllegalStateException("note store unavailable");
        }
    }

    /** Runs past any timeout a test gives it (until its thread is interrupted). */
    public static final class Sleeps implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            output.write("{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Answers something that is not a proxy response (text, not JSON). */
    public static final class Malformed implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            output.write("not json".getBytes(StandardCharsets.UTF_8));
        }
    }
}
