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
    private final Map<String, IncomingRequest> byRequestId;

    public RawRequests(int capacity) {
        this.byRequestId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, IncomingRequest> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void keep(String requestId, IncomingRequest request) {
        byRequestId.put(requestId, request);
    }

    public synchronized Optional<IncomingRequest> find(String requestId) {
        return Optional.ofNullable(byRequestId.get(requestId));
    }
}
