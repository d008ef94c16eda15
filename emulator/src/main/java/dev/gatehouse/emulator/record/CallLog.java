package dev.gatehouse.emulator.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gatehouse.emulator.store.OwnerOnly;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The record of recent calls: bounded in memory, and appended as JSON lines to {@code calls.jsonl} under the data
 * directory when there is one (written by a background thread, so the request path never waits on disk).
 */
public final class CallLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallLog.class);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** How long a reader waits for records whose numbers were taken but that are not added yet. */
    static final long PENDING_WAIT_MILLIS = 5_000;

    private final int capacity;
    private final Deque<CallRecord> recent = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Sequence numbers taken by {@link #reserve} whose record is not added yet (changed under {@code recent}). */
    private final java.util.NavigableSet<Long> pending = new java.util.concurrent.ConcurrentSkipListSet<>();
    private final JsonLinesWriter writer;
    private final RawRequests raw = new RawRequests(500);
    private final List<java.util.function.Consumer<CallRecord>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public CallLog(int capacity, Optional<Path> dataDir) {
        this.capacity = capacity;
        this.writer = dataDir.map(d -> new JsonLinesWriter(d.resolve("calls.jsonl"))).orElse(null);
    }

    /** The unmasked requests of the most recent API calls (memory only), for replay. */
    public RawRequests raw() {
        return raw;
    }

    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    /**
     * The next sequence number, for a record that {@link #add(long, java.util.function.Supplier)} will add later
     * (once the call's answer is written): until then, {@link #find} waits for it, so that a client which got the
     * answer and then asks for the record finds it.
     */
    public long reserve() {
        long s = sequence.incrementAndGet();
        pending.add(s);
        return s;
    }

    /**
     * Adds the record made by {@code make} under a number from {@link #reserve}; if making it fails, the number is
     * given up (readers stop waiting for it) and the failure goes on to the caller.
     */
    public void add(long reserved, java.util.function.Supplier<CallRecord> make) {
        CallRecord record;
        try {
            record = make.get();
        } catch (RuntimeException | Error e) {
            synchronized (recent) {
                release(reserved);
            }
            throw e;
        }
        add(record);
    }

    public void add(CallRecord record) {
        synchronized (recent) {
            if (recent.isEmpty() || recent.peekLast().sequence() < record.sequence()) {
                recent.addLast(record);
            } else {
                insertInOrder(record); // a call answered later finished its record first
            }
            while (recent.size() > capacity) {
                recent.removeFirst();
            }
            release(record.sequence());
        }
        if (writer != null) {
            writer.append(record);
        }
        for (var listener : listeners) {
            listener.accept(record);
        }
    }

    /**
     * Calls {@code listener} with every record added from now on (on the thread that adds it: keep it quick); closing
     * the returned handle stops that.
     */
    public AutoCloseable subscribe(java.util.function.Consumer<CallRecord> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * The recent calls that match, oldest first; first waits (up to {@link #PENDING_WAIT_MILLIS}) for the records of
     * calls already answered whose records are still being made.
     */
    public List<CallRecord> find(Predicate<CallRecord> filter) {
        List<CallRecord> out = new ArrayList<>();
        synchronized (recent) {
            awaitPending();
            for (CallRecord r : recent) {
                if (filter.test(r)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /** Under {@code recent}'s lock: until no number up to the last one taken now is pending, or the wait is over. */
    private void awaitPending() {
        long taken = sequence.get();
        long deadline = System.nanoTime() + PENDING_WAIT_MILLIS * 1_000_000;
        while (!pending.isEmpty() && pending.first() <= taken) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("call records {} are still being made after {} ms; answering without them",
                        pending.headSet(taken, true), PENDING_WAIT_MILLIS);
                return;
            }
            try {
                recent.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Under {@code recent}'s lock: a reserved number is no longer waited for (its record is in, or never will be). */
    private void release(long reserved) {
        if (pending.remove(reserved)) {
            recent.notifyAll();
        }
    }

    /** Under {@code recent}'s lock: {@code record} goes before the records with higher numbers. */
    private void insertInOrder(CallRecord record) {
        Deque<CallRecord> later = new ArrayDeque<>();
        while (!recent.isEmpty() && recent.peekLast().sequence() > record.sequence()) {
            later.addFirst(recent.removeLast());
        }
        recent.addLast(record);
        recent.addAll(later);
    }

    public Optional<CallRecord> byRequestId(String requestId) {
        return find(r -> r.requestId().equals(requestId)).stream().findFirst();
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }

    /** Appends records on its own thread; close() drains what is queued. */
    private static final class JsonLinesWriter implements AutoCloseable {
        private final Path file;
        private final java.util.concurrent.BlockingQueue<CallRecord> queue =
                new java.util.concurrent.LinkedBlockingQueue<>(100_000);
        private final Thread thread;
        private volatile boolean closed;

        JsonLinesWriter(Path file) {
            this.file = file;
            this.thread = new Thread(this::run, "gatehouse-call-log");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        void append(CallRecord record) {
            if (!queue.offer(record)) {
                LOG.warn("call log queue full; record {} kept in memory only", record.requestId());
            }
        }

        private void run() {
            try {
                OwnerOnly.file(file);
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
                    while (!closed || !queue.isEmpty()) {
                        CallRecord r = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                        if (r == null) {
                            continue;
                        }
                        out.write(JSON.writeValueAsBytes(r));
                        out.write('\n');
                        if (queue.isEmpty()) {
                            out.flush();
                        }
                    }
                }
            } catch (IOException e) {
                LOG.error("cannot write the call log {}: {}", file, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            closed = true;
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** JSON of a record (or anything else), times as ISO-8601 text. */
    public static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            return ("{\"error\":\"" + e.getMessage() + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
