package dev.gatehouse.emulator.record;

import dev.gatehouse.emulator.http.IncomingRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RawRequestsTest {

    private static IncomingRequest withBody(int bytes) {
        return new IncomingRequest("POST", "/notes", null, List.of(), new byte[bytes], "127.0.0.1", "HTTP/1.1",
                Instant.EPOCH);
    }

    @Test
    void the_oldest_requests_are_dropped_beyond_the_count() {
        RawRequests raw = new RawRequests(2);
        raw.keep("a", withBody(1));
        raw.keep("b", withBody(1));
        raw.keep("c", withBody(1));
        assertFalse(raw.find("a").isPresent());
        assertTrue(raw.find("b").isPresent());
        assertTrue(raw.find("c").isPresent());
    }

    @Test
    void kept_bodies_stay_under_the_memory_budget() {
        RawRequests raw = new RawRequests(500);
        int body = RawRequests.MAX_BODY_BYTES;
        int fits = (int) (RawRequests.MAX_TOTAL_BODY_BYTES / body);
        for (int i = 0; i <= fits; i++) {
            raw.keep("r" + i, withBody(body));
        }
        assertFalse(raw.find("r0").isPresent(), "the oldest body is dropped once the budget is spent");
        assertTrue(raw.find("r" + fits).isPresent());
    }

    @Test
    void a_request_with_a_body_over_one_megabyte_is_not_kept() {
        RawRequests raw = new RawRequests(500);
        raw.keep("big", withBody(RawRequests.MAX_BODY_BYTES + 1));
        assertFalse(raw.find("big").isPresent());
    }
}
