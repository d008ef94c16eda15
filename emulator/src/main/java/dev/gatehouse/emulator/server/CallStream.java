package dev.gatehouse.emulator.server;

import dev.gatehouse.emulator.record.CallLog;
import dev.gatehouse.emulator.record.CallRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code GET /_gatehouse/requests/stream}: the call record live, as server-sent events or, on a WebSocket upgrade, as
 * one text message per call. Each is a call record as {@code GET /_gatehouse/requests} gives it: first those after
 * {@code since} (or after the {@code Last-Event-ID} an EventSource sends when it reconnects), then each new call as
 * it is recorded.
 */
final class CallStream {
    private CallStream() {
    }

    static GatewayServer.Reply open(CallLog log, long since, Predicate<CallRecord> filter) {
        return new GatewayServer.Reply(200, List.of(Map.entry("Content-Type", "text/event-stream; charset=utf-8"),
                Map.entry("Cache-Control", "no-cache"), Map.entry("X-Accel-Buffering", "no")), new byte[0],
                send -> subscribe(log, since, filter, send));
    }

    private static AutoCloseable subscribe(CallLog log, long since, Predicate<CallRecord> filter,
                                           Consumer<GatewayServer.Event> send) {
        Object lock = new Object();
        List<CallRecord> early = new ArrayList<>();
        boolean[] live = {false};
        AutoCloseable subscription = log.subscribe(r -> {
            if (!filter.test(r)) {
                return;
            }
            synchronized (lock) {
                if (!live[0]) {
                    early.add(r);
                    return;
                }
            }
            send.accept(event(r));
        });
        synchronized (lock) {
            Set<Long> sent = new HashSet<>();
            for (CallRecord r : log.find(r -> r.sequence() > since && filter.test(r))) {
                send.accept(event(r));
                sent.add(r.sequence());
            }
            for (CallRecord r : early) {
                if (!sent.contains(r.sequence())) {
                    send.accept(event(r));
                }
            }
            live[0] = true;
        }
        return subscription;
    }

    private static GatewayServer.Event event(CallRecord r) {
        return new GatewayServer.Event(Long.toString(r.sequence()), "call",
                new String(CallLog.json(r), StandardCharsets.UTF_8));
    }
}
