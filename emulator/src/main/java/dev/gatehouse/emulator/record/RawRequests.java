package dev.gatehouse.emulator.record;

import dev.gatehouse.emulator.http.IncomingRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The unmasked API requests of recent calls, for replay: in memory only (never written, never served), bounded, the
 * oldest dropped first. They hold signatures and session tokens, so nothing but the replay reads them.
 */
public final class RawRequests {
    /** A request with a larger body is not kept (it could not be replayed). */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** All kept bodies together stay under this, the oldest dropped first. */
    static final long MAX_TOTAL_BODY_BYTES = 32L * 1024 * 1024;

    private final int capacity;
    private final Map<String, IncomingRequest> byRequestId = new LinkedHashMap<>();
    private long totalBodyBytes;

    public RawRequests(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void keep(String requestId, IncomingRequest request) {
        if (request.body().length > MAX_BODY_BYTES) {
            return;
        }
        IncomingRequest previous = byRequestId.put(requestId, request);
        totalBodyBytes += request.body().length - (previous == null ? 0 : previous.body().length);
        var eldest = byRequestId.entrySet().iterator();
        while (byRequestId.size() > capacity || totalBodyBytes > MAX_TOTAL_BODY_BYTES) {
            totalBodyBytes -= eldest.next().getValue().body().length;
            eldest.remove();
        }
    }

    public synchronized Optional<IncomingRequest> find(String requestId) {
        return Optional.ofNullable(byRequestId.get(requestId));
    }
}
