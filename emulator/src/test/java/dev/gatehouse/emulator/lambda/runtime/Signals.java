package dev.gatehouse.emulator.lambda.runtime;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback endpoint a handler calls when it has started ({@code GET /signal?pid=N}): the test waits on that event
 * instead of sleeping.
 */
final class Signals implements AutoCloseable {
    private final HttpServer server;
    private final LinkedBlockingQueue<Long> pids = new LinkedBlockingQueue<>();

    Signals() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/signal", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            pids.add(Long.parseLong(query.substring(query.indexOf('=') + 1)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/signal";
    }

    /** The pid of the next handler that signalled (waits up to a minute: a cold start under load). */
    long awaitPid() throws InterruptedException {
        Long pid = pids.poll(60, TimeUnit.SECONDS);
        if (pid == null) {
            throw new AssertionError("no handler signalled within a minute");
        }
        return pid;
    }

    static <T> CompletableFuture<T> inBackground(java.util.function.Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, task -> new Thread(task, "test-call").start());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
