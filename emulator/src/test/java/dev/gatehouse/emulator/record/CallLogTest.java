package dev.gatehouse.emulator.record;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A record is made after its call's answer is written: a reader that comes meanwhile (the client that got the answer
 * and asks for the record at once) waits for it, and a record that could not be made does not hold readers.
 */
class CallLogTest {
    private static CallRecord record(long sequence, String requestId) {
        return new CallRecord(sequence, requestId, Instant.EPOCH, "api", "GET", "/notes", "GET /notes", "accepted",
                null, null, null, "ASIA1", "us-east-1:x", "alice@example.com", true, 200, 1.0, 0.5, null, null,
                null, null);
    }

    private static List<String> ids(List<CallRecord> records) {
        return records.stream().map(CallRecord::requestId).toList();
    }

    /** Waits (without sleeping) until {@code t} waits on a monitor: the reader is inside its wait. */
    private static void awaitWaiting(Thread t) {
        assertTimeoutPreemptively(Duration.ofSeconds(CallLog.PENDING_WAIT_MILLIS / 2_000), () -> {
            while (t.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
        });
    }

    @Test
    void a_reader_waits_for_a_record_whose_number_was_taken_and_then_finds_it() throws Exception {
        CallLog log = new CallLog(10, Optional.empty());
        log.add(record(log.nextSequence(), "before"));
        long reserved = log.reserve();
        CompletableFuture<List<String>> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> found.complete(ids(log.find(r -> true))), "reader");
        reader.start();
        awaitWaiting(reader);
        assertFalse(found.isDone(), "the reader answered before the record it waits for was added");
        log.add(reserved, () -> record(reserved, "answered"));
        assertEquals(List.of("before", "answered"), found.get(CallLog.PENDING_WAIT_MILLIS / 2, TimeUnit.MILLISECONDS));
        assertEquals("answered", log.byRequestId("answered").orElseThrow().requestId());
    }

    @Test
    void a_record_that_could_not_be_made_gives_up_its_number() {
        CallLog log = new CallLog(10, Optional.empty());
        long reserved = log.reserve();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> log.add(reserved, () -> {
                    throw new IllegalStateException("broken record");
                }));
        assertEquals("broken record", e.getMessage());
        log.add(record(log.nextSequence(), "later"));
        // no wait for the given-up number (PENDING_WAIT_MILLIS is the bound it would otherwise wait)
        List<String> found = assertTimeoutPreemptively(Duration.ofMillis(CallLog.PENDING_WAIT_MILLIS / 2),
                () -> ids(log.find(r -> true)));
        assertEquals(List.of("later"), found);
    }

    @Test
    void records_added_out_of_order_are_kept_in_number_order_and_the_oldest_leave_first() {
        CallLog log = new CallLog(3, Optional.empty());
        long first = log.reserve();
        long second = log.reserve();
        long third = log.reserve();
        log.add(third, () -> record(third, "third"));
        log.add(first, () -> record(first, "first"));
        log.add(second, () -> record(second, "second"));
        assertEquals(List.of("first", "second", "third"), ids(log.find(r -> true)));
        log.add(record(log.nextSequence(), "fourth"));
        assertEquals(List.of("second", "third", "fourth"), ids(log.find(r -> true)));
    }

    @Test
    void a_listener_hears_a_deferred_record_once_it_is_added() throws Exception {
        CallLog log = new CallLog(10, Optional.empty());
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = log.subscribe(r -> heard.add(r.requestId()))) {
            long reserved = log.reserve();
            assertEquals(List.of(), heard);
            log.add(reserved, () -> record(reserved, "answered"));
            assertEquals(List.of("answered"), heard);
        }
    }
}
