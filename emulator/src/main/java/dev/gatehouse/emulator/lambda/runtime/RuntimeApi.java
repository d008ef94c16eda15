package dev.gatehouse.emulator.lambda.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API (2018-06-01) of ONE execution environment, on 127.0.0.1 at a port of its own (the process
 * finds it in {@code AWS_LAMBDA_RUNTIME_API}): {@code GET /runtime/invocation/next} (blocks until there is an event),
 * {@code POST /runtime/invocation/{AwsRequestId}/response}, {@code .../error} and {@code POST /runtime/init/error}.
 * What they mean for the invocation is the {@link Listener}'s business; this class only speaks HTTP.
 */
final class RuntimeApi implements AutoCloseable {
    static final String BASE = "/2018-06-01/runtime/";
    /** Lambda's limit on a synchronous response (and what the Runtime API accepts), 6 MB. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    /** What the runtime tells Lambda. Each method returns the HTTP status to answer (202, or an error status). */
    interface Listener {
        /** Blocks until the next invocation is there; null when the environment is shutting down. */
        Next next() throws InterruptedException;

        Answer response(String awsRequestId, byte[] body);

        Answer error(String awsRequestId, String errorTypeHeader, byte[] body);

        Answer initError(String errorTypeHeader, byte[] body);
    }

    /** An event handed to the runtime, with the invocation's headers. */
    record Next(String awsRequestId, long deadlineEpochMillis, String functionArn, String traceId, String clientContext,
                String cognitoIdentity, byte[] event) {
    }

    /** The Runtime API's answer: 202 {@code {"status":"OK"}} or an error {@code {"errorMessage","errorType"}}. */
    record Answer(int status, String errorType, String errorMessage) {
        static final Answer ACCEPTED = new Answer(202, null, null);

        byte[] body() {
            String json = status == 202 ? "{\"status\":\"OK\"}"
                    : "{\"errorMessage\":\"" + escape(errorMessage) + "\",\"errorType\":\"" + escape(errorType) + "\"}";
            return json.getBytes(StandardCharsets.UTF_8);
        }
    }

    static {
        // The JDK's server leaves Nagle's algorithm on unless asked: with delayed ACKs that is 40 ms per small reply.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    RuntimeApi(String name, Listener listener) {
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "runtime-api-" + name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Runtime API of " + name, e);
        }
        server.setExecutor(executor);
        server.createContext(BASE, exchange -> {
            try (exchange) {
                route(exchange, listener);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                // the runtime went away mid-exchange: nothing to answer
            }
        });
        server.start();
    }

    /** {@code 127.0.0.1:PORT}, as {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static void route(HttpExchange exchange, Listener listener) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getRawPath().substring(BASE.length());
        String method = exchange.getRequestMethod();
        if (path.equals("invocation/next")) {
            if (!method.equals("GET")) {
                send(exchange, new Answer(405, "MethodNotAllowed", "use GET"));
                return;
            }
            drain(exchange.getRequestBody());
            Next next = listener.next();
            if (next == null) {
                send(exchange, new Answer(500, "Runtime.ShuttingDown", "the execution environment is shutting down"));
                return;
            }
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            headers.set("Lambda-Runtime-Aws-Request-Id", next.awsRequestId());
            headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(next.deadlineEpochMillis()));
            headers.set("Lambda-Runtime-Invoked-Function-Arn", next.functionArn());
            headers.set("Lambda-Runtime-Trace-Id", next.traceId());
            if (next.clientContext() != null) {
                headers.set("Lambda-Runtime-Client-Context", next.clientContext());
            }
            if (next.cognitoIdentity() != null) {
                headers.set("Lambda-Runtime-Cognito-Identity", next.cognitoIdentity());
            }
            exchange.sendResponseHeaders(200, next.event().length == 0 ? -1 : next.event().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(next.event());
            }
            return;
        }
        if (!method.equals("POST")) {
            send(exchange, new Answer(405, "MethodNotAllowed", "use POST"));
            return;
        }
        String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        if (path.equals("init/error")) {
            send(exchange, listener.initError(errorType, read(exchange.getRequestBody(), MAX_RESPONSE_BYTES)));
            return;
        }
        if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
            String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
            byte[] body = read(exchange.getRequestBody(), MAX_RESPONSE_BYTES);
            if (body == null) {
                send(exchange, new Answer(413, "RequestEntityTooLarge",
                        "Exceeded maximum allowed payload size (6291556 bytes)."));
                listener.error(id, "Function.ResponseSizeTooLarge", null);
                return;
            }
            send(exchange, path.endsWith("/response") ? listener.response(id, body)
                    : listener.error(id, errorType, body));
            return;
        }
        send(exchange, new Answer(404, "NotFound", "no such Runtime API resource: " + path));
    }

    /** The body, or null when it is over {@code limit} bytes. */
    private static byte[] read(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            drain(in);
            return null;
        }
        return body;
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
