package dev.gatehouse.emulator.server;

import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Delivers live feeds: as server-sent events on the request's own thread, or as WebSocket text messages. Closing stops
 * every feed, so the server can stop without waiting for its listeners.
 */
final class LiveFeeds implements AutoCloseable {
    static final String FEED_ATTRIBUTE = "gatehouse.feed";
    /** A comment line (or a ping) this often keeps the connection and Jetty's idle timeout alive. */
    static final long HEARTBEAT_MILLIS = 15_000;
    /** A client that reads too slowly loses its feed (an EventSource reconnects with Last-Event-ID and catches up). */
    static final int MAX_QUEUED = 10_000;

    private final Map<String, WsContext> sockets = new ConcurrentHashMap<>();
    private volatile boolean closed;

    void serverSentEvents(Context ctx, GatewayServer.Feed feed) {
        BlockingQueue<GatewayServer.Event> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
        boolean[] overflow = {false};
        try (AutoCloseable handle = feed.open(e -> {
            if (!queue.offer(e)) {
                overflow[0] = true;
            }
        })) {
            OutputStream out = ctx.res().getOutputStream();
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            long lastWrite = System.currentTimeMillis();
            while (!closed && !overflow[0]) {
                GatewayServer.Event e = queue.poll(250, TimeUnit.MILLISECONDS);
                if (e != null) {
                    do {
                        out.write(("id: " + e.id() + "\nevent: " + e.type() + "\ndata: " + e.data() + "\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                    } while ((e = queue.poll()) != null);
                    out.flush();
                    lastWrite = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastWrite > HEARTBEAT_MILLIS) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.currentTimeMillis();
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void webSocket(WsConfig ws) {
        Map<String, AutoCloseable> handles = new ConcurrentHashMap<>();
        ws.onConnect(ctx -> {
            GatewayServer.Feed feed = ctx.attribute(FEED_ATTRIBUTE);
            if (feed == null || closed) {
                ctx.closeSession();
                return;
            }
            sockets.put(ctx.sessionId(), ctx);
            ctx.enableAutomaticPings(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
            handles.put(ctx.sessionId(), feed.open(e -> {
                synchronized (ctx) {
                    ctx.send(e.data());
                }
            }));
        });
        ws.onClose(ctx -> stop(handles, ctx));
        ws.onError(ctx -> stop(handles, ctx));
    }

    private void stop(Map<String, AutoCloseable> handles, WsContext ctx) throws Exception {
        sockets.remove(ctx.sessionId());
        AutoCloseable handle = handles.remove(ctx.sessionId());
        if (handle != null) {
            handle.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (WsContext ctx : sockets.values()) {
            try {
                ctx.closeSession();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }
}
