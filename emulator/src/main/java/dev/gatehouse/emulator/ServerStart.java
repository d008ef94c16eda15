package dev.gatehouse.emulator;

import dev.gatehouse.emulator.apigateway.GatewayErrors;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.server.GatewayServer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The HTTP server's start on its own thread, beside the main thread's: while the main thread reads and checks the
 * configuration, this one opens the launcher jar's directory and loads Javalin's and Jetty's classes and builds the
 * server; once the main thread has found the configuration usable and the port free ({@link #listen()}), it starts
 * listening while the main thread builds the pools and the dispatcher ({@link #started}). Nothing listens before the
 * configuration was checked, as before. The main thread never touches Jetty while this thread does (it waits for
 * {@link #started}), so the two never initialise Jetty's classes at once.
 */
final class ServerStart {
    private final CompletableFuture<Void> listen = new CompletableFuture<>();
    private final CompletableFuture<GatewayServer> server = new CompletableFuture<>();
    private final CompletableFuture<GatewayServer.Routing> routing = new CompletableFuture<>();

    private ServerStart() {
    }

    /** Builds the server on a new thread; it listens only after {@link #listen()}. */
    static ServerStart begin(String host, int port, ControlledClock clock) {
        ServerStart start = new ServerStart();
        Thread thread = new Thread(() -> start.run(host, port, clock), "gatehouse-http-start");
        thread.setDaemon(true);
        thread.start();
        return start;
    }

    private void run(String host, int port, ControlledClock clock) {
        try {
            // the jar's directory (tens of thousands of entries), read once per process at the first resource: here,
            // rather than when the main thread reads the packaged configuration or Jetty its MIME types
            ServerStart.class.getClassLoader().getResource(ConfigLoader.DEFAULT_RESOURCE);
            GatewayServer built = new GatewayServer(host, port, clock, new Forward());
            // Javalin builds Jetty's server only when it starts: its classes' static set-up (MIME types by locale,
            // ~40 ms) is done here, beside the configuration, on one that is dropped
            new org.eclipse.jetty.server.Server();
            listen.join();
            server.complete(built.start());
        } catch (Throwable e) {
            server.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        }
    }

    /** The configuration is usable and the port free: start listening. */
    void listen() {
        listen.complete(null);
    }

    /**
     * The started server, which from now on hands every request to {@code target} (requests that came before waited
     * for it).
     *
     * @throws RuntimeException as the server's start threw it (e.g. the port is in use)
     */
    GatewayServer started(GatewayServer.Routing target) {
        routing.complete(target);
        try {
            return server.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * The start failed elsewhere: the server does not start listening, or is stopped if it already did; requests that
     * waited are answered 503 with the reason.
     */
    void abandon(Throwable cause) {
        listen.completeExceptionally(cause);
        routing.completeExceptionally(cause);
        try {
            server.join().close();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            // it never listened
        }
    }

    /** Hands each request to the dispatcher once there is one. */
    private final class Forward implements GatewayServer.Routing {
        @Override
        public GatewayServer.Reply handle(IncomingRequest request, String requestId) {
            GatewayServer.Routing target = target();
            return target != null ? target.handle(request, requestId) : notStarted();
        }

        @Override
        public GatewayServer.Reply bodyTooLarge(String requestId) {
            GatewayServer.Routing target = target();
            return target != null ? target.bodyTooLarge(requestId) : notStarted();
        }

        private GatewayServer.Routing target() {
            try {
                return routing.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                return null;
            }
        }

        private GatewayServer.Reply notStarted() {
            Throwable cause = routing.handle((r, e) -> e).join();
            String message = "Gatehouse could not start: " + (cause == null ? "?" : cause.getMessage());
            return new GatewayServer.Reply(503, List.of(Map.entry("Content-Type", "application/json"),
                    Map.entry(GatewayErrors.REASON_HEADER, GatewayErrors.reason("NOT_STARTED", message))),
                    ("{\"message\":" + jsonString(message) + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
