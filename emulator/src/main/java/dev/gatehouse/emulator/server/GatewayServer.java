package dev.gatehouse.emulator.server;

import dev.gatehouse.emulator.apigateway.GatewayErrors;
import dev.gatehouse.emulator.apigateway.GatewayLimits;
import dev.gatehouse.emulator.apigateway.GatewayResponse;
import dev.gatehouse.emulator.apigateway.RequestIds;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.http.JettyRequests;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsHandlerType;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The one port: Cognito's awsJson1.1 calls by {@code X-Amz-Target}, the token keys, Gatehouse's own
 * {@code /_gatehouse/*} endpoints, and every other request as an API call.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /**
     * How long a connection may stay silent (e.g. a client that never finishes its body) before it is closed; the
     * system property {@value #IDLE_TIMEOUT_PROPERTY} (milliseconds) shortens it for tests.
     */
    public static final String IDLE_TIMEOUT_PROPERTY = "gatehouse.idleTimeoutMillis";

    /**
     * When {@code true} at construction, requests with a body go through the servlet layer and Javalin ({@link
     * #serve}) as those without one do not: for tests that send the same request both ways and compare the answers.
     */
    public static final String JAVALIN_BODIES_PROPERTY = "gatehouse.javalinBodies";

    /** A body is read up to this much (just above API Gateway's 10 MB, which the API flavour answers itself). */
    static final long MAX_BODY_READ = GatewayLimits.MAX_PAYLOAD_BYTES + 1;

    /** A too-large upload is read to its end up to this much; a longer one is cut off with the connection. */
    public static final long MAX_DRAINED_BYTES = 64L * 1024 * 1024;

    /** The paths whose answer may be a live feed, and so may be upgraded to a WebSocket. */
    static final List<String> LIVE_PATHS = List.of("/_gatehouse/requests/stream");

    static {
        JettyCacheLines.tellJetty(); // before Javalin loads Jetty: no JMX start for its queues' padding
    }

    private final Javalin app;
    private final Routing routing;
    private final ControlledClock clock;
    private final LiveFeeds feeds;

    /** Dispatches one request; implemented by Gatehouse, which owns the parts. */
    public interface Routing {
        /**
         * The answer, with work that may wait until it is written left in its {@link Reply#after} (the call record):
         * whoever calls this runs that once the answer is out, whatever happened to the write.
         */
        Reply handleDeferred(IncomingRequest request, String requestId);

        /** The answer with that work already done (replay, and the requests Javalin answers). */
        default Reply handle(IncomingRequest request, String requestId) {
            Reply reply = handleDeferred(request, requestId);
            reply.runAfter();
            return reply.after(null); // done: nothing left for a caller to run again
        }

        /** The answer to a body too large to read (over API Gateway's 10 MB): the API flavour's own 413. */
        default Reply bodyTooLarge(String requestId) {
            return Reply.of(GatewayErrors.requestTooLarge());
        }
    }

    /**
     * A complete HTTP answer, or the head of a live one: then {@code feed} sends events, as server-sent events, or as
     * WebSocket text messages when the request asked for an upgrade, until the client goes away or the server stops.
     */
    public record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body, Feed feed,
                        Runnable after) {
        public Reply(int status, List<Map.Entry<String, String>> headers, byte[] body, Feed feed) {
            this(status, headers, body, feed, null);
        }

        public Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
            this(status, headers, body, null, null);
        }

        public static Reply of(GatewayResponse r) {
            return new Reply(r.status(), r.headers(), r.body());
        }

        /** This answer, with {@code work} to run once it is written ({@link Routing#handleDeferred}). */
        public Reply after(Runnable work) {
            return new Reply(status, headers, body, feed, work);
        }

        /** Runs the work left for after the answer (if any); a failure of it is logged, the answer stands. */
        public void runAfter() {
            if (after != null) {
                try {
                    after.run();
                } catch (RuntimeException e) {
                    LOG.error("the work after an answer ({} {}) failed", status, after, e);
                }
            }
        }
    }

    /** A source of events: {@code open} starts sending them to {@code send}; closing the handle stops it. */
    public interface Feed {
        AutoCloseable open(Consumer<Event> send);
    }

    /** One event of a feed: its id (for Last-Event-ID), its type and its data (one line of JSON). */
    public record Event(String id, String type, String data) {
    }

    public GatewayServer(String host, int port, ControlledClock clock, Routing routing) {
        this.routing = routing;
        this.clock = clock;
        this.feeds = new LiveFeeds();
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.http.maxRequestSize = MAX_BODY_READ;
            // An HTTP API does not compress responses (a REST API only with a minimumCompressionSize, which Gatehouse
            // has no setting for): a body goes out as the function returned it, and no request pays for gzip.
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.router.ignoreTrailingSlashes = false;
            cfg.router.treatMultipleSlashesAsSingleSlash = false;
            // API Gateway signs and routes the path as sent: let %2F, // and dot segments through untouched.
            JettyRequests.acceptRawPaths(cfg);
            // ... and signs the header values as sent: no well-known value comes back lower-cased from Jetty's cache.
            JettyRequests.keepHeaderValuesAsSent(cfg);
            // In front of Javalin (which attaches its servlet context inside this wrapper): API and Cognito requests
            // are answered here, on Jetty's core request, without the servlet layer.
            boolean bodies = !Boolean.getBoolean(JAVALIN_BODIES_PROPERTY);
            cfg.jetty.modifyServer(server -> server.setHandler(new CoreFastPath(bodies)));
            cfg.jetty.modifyHttpConfiguration(http -> {
                // Jetty's own limit sits above API Gateway's, so Gatehouse answers the overflow as API Gateway does.
                http.setRequestHeaderSize(64 * 1024);
                http.setSendServerVersion(false);
                http.setSendDateHeader(true);
            });
            for (String path : LIVE_PATHS) {
                cfg.routes.addHttpHandler(HandlerType.WEBSOCKET_BEFORE_UPGRADE, path, this::beforeUpgrade);
                cfg.routes.addWsHandler(WsHandlerType.WEBSOCKET, path, ws -> feeds.webSocket(ws));
            }
            for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                    HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS)) {
                cfg.routes.addHttpHandler(type, "*", this::serve);
            }
        });
    }

    /**
     * Refuses at once a port another process listens on, before anything else starts (DynamoDB Local, the pools):
     * a user who mistyped {@code --port} hears about it in a second, with nothing to stop.
     */
    public static void ensurePortFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (BindException e) {
            throw portInUse(host, port, e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static IllegalStateException portInUse(String host, int port, Exception cause) {
        return new IllegalStateException("port " + port + " on " + host
                + " is in use: stop what uses it or choose another with --port", cause);
    }

    public GatewayServer start() {
        try {
            app.start();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof BindException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                throw portInUse(app.unsafe.jetty.host, app.unsafe.jetty.port, e);
            }
            throw e;
        }
        // Javalin adds its connector when it starts (modifyServer sees none): new connections get this timeout.
        long idleTimeout = Long.getLong(IDLE_TIMEOUT_PROPERTY, 30_000);
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector sc) {
                sc.setIdleTimeout(idleTimeout);
            }
        }
        return this;
    }

    public int port() {
        return app.port();
    }

    private void serve(Context ctx) {
        String requestId = RequestIds.newRequestId();
        Reply reply;
        try {
            IncomingRequest request = JettyRequests.incomingRequest(ctx, clock.instant(),
                    clock.signatureClock().instant());
            reply = routing.handle(request, requestId);
        } catch (io.javalin.http.HttpResponseException e) {
            // Javalin stops reading a body over its limit (just above API Gateway's 10 MB): answer as API Gateway.
            if (e.getStatus() != 413) {
                throw e;
            }
            drainUnreadBody(ctx);
            reply = tooLarge(requestId);
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed inside Gatehouse", ctx.method(), ctx.path(), e);
            reply = Reply.of(GatewayErrors.internalError());
        }
        ctx.status(reply.status());
        // Only the headers of the reply: no content type of Javalin's own (API Gateway adds none either).
        ctx.res().setContentType(null);
        for (Map.Entry<String, String> h : headersWithRequestId(reply, requestId)) {
            if (h.getKey().equalsIgnoreCase("Content-Type")) {
                ctx.res().setContentType(h.getValue());
            } else {
                ctx.res().addHeader(h.getKey(), h.getValue());
            }
        }
        if (reply.feed() != null) {
            feeds.serverSentEvents(ctx, reply.feed());
            return;
        }
        ctx.result(reply.body());
    }

    /** The reply's headers, with API Gateway's request id header added when the reply names no request id. */
    private static List<Map.Entry<String, String>> headersWithRequestId(Reply reply, String requestId) {
        for (Map.Entry<String, String> h : reply.headers()) {
            if (h.getKey().equalsIgnoreCase(GatewayErrors.REQUEST_ID_HEADER)
                    || h.getKey().equalsIgnoreCase("x-amzn-RequestId")) {
                return reply.headers();
            }
        }
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>(reply.headers());
        headers.add(Map.entry(GatewayErrors.REQUEST_ID_HEADER, requestId));
        return headers;
    }

    /**
     * Answers every request outside {@code /_gatehouse/*} that is not {@code HEAD} and not an upgrade straight from
     * Jetty's core request: the same {@link Routing} and the same answer as {@link #serve} gives it, without the
     * servlet layer and Javalin (a quarter of the Jetty thread's CPU on a signed GET). A body is read here as Javalin
     * reads it (over {@link #MAX_BODY_READ} bytes: the API flavour's 413, the rest of the upload drained); a body that
     * cannot be read (a broken chunk, the client gone) goes on to Javalin, which meets the same failure and answers as
     * it always did. Every other request goes on to Javalin.
     */
    private final class CoreFastPath extends Handler.Wrapper {
        private final boolean bodies;

        CoreFastPath(boolean bodies) {
            this.bodies = bodies;
        }

        /** It blocks (reading a body, waiting for the function): Jetty calls it from a thread that may block. */
        @Override
        public InvocationType getInvocationType() {
            return InvocationType.BLOCKING;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = request.getHttpURI().getPath();
            HttpFields fields = request.getHeaders();
            boolean hasBody = request.getLength() > 0 || fields.contains(HttpHeader.TRANSFER_ENCODING);
            if (path == null || path.startsWith("/_gatehouse") || "HEAD".equals(request.getMethod())
                    || fields.contains(HttpHeader.UPGRADE) || (hasBody && !bodies)) {
                return super.handle(request, response, callback);
            }
            String requestId = RequestIds.newRequestId();
            Reply reply = null;
            byte[] body = NO_BODY;
            if (hasBody) {
                // As the servlet layer does when Javalin opens the request's input: a client waiting for it gets
                // its 100 Continue (Jetty sends none when the body is empty or the answer is already going out).
                // Asked only of a request that says so: Jetty refuses the others with an exception (built with
                // its stack trace for each such request: 0.2% of the mixed load's CPU, benchmarks/PERFORMANCE.md).
                CompletableFuture<Void> interim = fields.contains(HttpHeader.EXPECT, "100-continue")
                        ? response.writeInterim(HttpStatus.CONTINUE_100, HttpFields.EMPTY) : null;
                Content.Chunk failure;
                try {
                    body = readBody(request);
                    failure = null;
                } catch (BodyReadFailed e) {
                    failure = e.chunk;
                }
                if (interim != null && !interim.isDone()) {
                    interim.handle((v, t) -> null).join(); // the answer waits for the interim one to be written
                }
                if (failure != null) {
                    if (!failure.isLast() && failure.getFailure() instanceof java.util.concurrent.TimeoutException) {
                        // The client stopped sending (idle timeout): Javalin's answer to that read failure, and the
                        // servlet layer's close of a connection whose request was not read to its end.
                        response.setStatus(HttpStatus.REQUEST_TIMEOUT_408);
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
                        response.getHeaders().put(HttpHeader.CONNECTION, "close");
                        response.write(true, null, callback);
                        return true;
                    }
                    // A broken or cut-off body: the failure stays with the request, Javalin reads it and answers.
                    return super.handle(request, response, callback);
                }
                if (body == null) {
                    drainUnreadBody(request);
                    reply = tooLarge(requestId);
                }
            }
            if (reply == null) {
                try {
                    reply = routing.handleDeferred(JettyRequests.incomingRequest(request, body, clock.instant(),
                            clock.signatureClock().instant()), requestId);
                } catch (RuntimeException e) {
                    LOG.error("request {} {} failed inside Gatehouse", request.getMethod(), path, e);
                    reply = Reply.of(GatewayErrors.internalError());
                }
            }
            try {
                response.setStatus(reply.status());
                HttpFields.Mutable headers = response.getHeaders();
                for (Map.Entry<String, String> h : headersWithRequestId(reply, requestId)) {
                    headers.add(h.getKey(), h.getValue());
                }
                headers.put(HttpHeader.CONTENT_LENGTH, reply.body().length);
                response.write(true, ByteBuffer.wrap(reply.body()), callback);
            } finally {
                // The call record, once the answer is handed to the connection (written, for all but a large body
                // or a slow client): the client does not wait for it, and a reader of the record waits for it.
                reply.runAfter();
            }
            return true;
        }
    }

    private static final byte[] NO_BODY = new byte[0];

    /** A read of the body met a failure chunk (a broken chunk, the client gone, the idle timeout). */
    private static final class BodyReadFailed extends Exception {
        final transient Content.Chunk chunk;

        BodyReadFailed(Content.Chunk chunk) {
            super(null, null, false, false);
            this.chunk = chunk;
        }
    }

    /**
     * The whole body, read as Javalin reads it: {@code null} once more than {@link #MAX_BODY_READ} bytes have come
     * (the rest left unread).
     */
    private static byte[] readBody(Request request) throws BodyReadFailed, java.io.IOException {
        long length = request.getLength();
        boolean tooLong = length > MAX_BODY_READ; // then only counted, as Javalin reads it, up to the limit
        byte[] bytes = length > 0 && !tooLong ? new byte[(int) length] : NO_BODY;
        long total = 0;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                awaitContent(request);
                continue;
            }
            if (Content.Chunk.isFailure(chunk)) {
                throw new BodyReadFailed(chunk);
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (total + n > MAX_BODY_READ) {
                chunk.release();
                return null;
            }
            if (n > 0 && !tooLong) {
                if (total + n > bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_BODY_READ, Math.max(8192, (total + n) * 2)));
                }
                buffer.get(bytes, (int) total, n);
            }
            total += n;
            chunk.release();
            if (chunk.isLast()) {
                return total == bytes.length ? bytes : Arrays.copyOf(bytes, (int) total);
            }
        }
    }

    /** Blocks this (blocking) handler's thread until the request has more content, a failure or its end. */
    private static void awaitContent(Request request) throws java.io.IOException {
        try (Blocker.Runnable blocker = Blocker.runnable()) {
            request.demand(blocker);
            blocker.block();
        }
    }

    /** As {@link #drainUnreadBody(Context)}, on Jetty's core request. */
    private static void drainUnreadBody(Request request) {
        long drained = 0;
        try {
            while (drained < MAX_DRAINED_BYTES) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    awaitContent(request);
                    continue;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    return;
                }
                drained += chunk.remaining();
                chunk.release();
                if (chunk.isLast()) {
                    return;
                }
            }
        } catch (java.io.IOException e) {
            // the client went away: nothing more to drain
        }
    }

    /** API Gateway's answer to a body over its limit; the connection closes after it. */
    private Reply tooLarge(String requestId) {
        Reply tooLarge = routing.bodyTooLarge(requestId);
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>(tooLarge.headers());
        headers.add(Map.entry("Connection", "close"));
        return new Reply(tooLarge.status(), headers, tooLarge.body());
    }

    /**
     * A WebSocket upgrade is answered by the same routing as any request (so every check of {@code /_gatehouse/*}
     * applies); unless that answer is a live feed, the upgrade is refused with its status.
     */
    private void beforeUpgrade(Context ctx) {
        Reply reply;
        try {
            reply = routing.handle(JettyRequests.incomingRequest(ctx, clock.instant()), RequestIds.newRequestId());
        } catch (RuntimeException e) {
            LOG.error("WebSocket upgrade {} failed inside Gatehouse", ctx.path(), e);
            throw new io.javalin.http.HttpResponseException(500, "Internal Server Error");
        }
        if (reply.feed() == null) {
            throw new io.javalin.http.HttpResponseException(reply.status(),
                    new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        ctx.attribute(LiveFeeds.FEED_ATTRIBUTE, reply.feed());
    }

    /**
     * Reads and discards what the client is still uploading (up to {@link #MAX_DRAINED_BYTES}), so that closing the
     * connection after the 413 does not reset it before the client has read the answer.
     */
    private static void drainUnreadBody(Context ctx) {
        byte[] buffer = new byte[64 * 1024];
        long drained = 0;
        try (var in = ctx.req().getInputStream()) {
            int n;
            while (drained < MAX_DRAINED_BYTES && (n = in.read(buffer)) > 0) {
                drained += n;
            }
        } catch (java.io.IOException | IllegalStateException e) {
            // the client went away or the stream is spent: nothing more to drain
        }
    }

    @Override
    public void close() {
        feeds.close();
        app.stop();
    }
}
