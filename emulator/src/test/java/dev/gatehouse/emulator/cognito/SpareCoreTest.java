package dev.gatehouse.emulator.cognito;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SpareCore: work begun on its thread is waited for, work it has not begun is done by the caller, once; a stock's
 * values are each given once and made again ahead.
 */
public class SpareCoreTest {
    /** The blockers of {@link #occupySpareCore}: released after each test, so a failed test leaves no busy core. */
    private static final List<CountDownLatch> BLOCKERS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void releaseTheSpareCore() {
        BLOCKERS.forEach(CountDownLatch::countDown);
        BLOCKERS.clear();
    }

    /** Returns once everything queued on the spare core before this call has run. */
    public static void awaitSpareCore() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            CountDownLatch drained = new CountDownLatch(1);
            SpareCore.later(drained::countDown); // not queued while the queue is full: then again, behind the rest
            if (drained.await(200, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        fail("the spare core did not run what was queued in 30 s");
    }

    /** Keeps the spare core busy until the returned latch is counted down. */
    public static CountDownLatch occupySpareCore() throws InterruptedException {
        awaitSpareCore();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BLOCKERS.add(release);
        SpareCore.later(() -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(started.await(30, TimeUnit.SECONDS), "the spare core took the blocker");
        return release;
    }

    @Test
    void work_the_spare_core_has_begun_is_waited_for_and_its_result_returned() throws Exception {
        awaitSpareCore();
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicReference<String> ranOn = new AtomicReference<>();
        SpareCore.Work<String> work = SpareCore.start(() -> {
            ranOn.set(Thread.currentThread().getName());
            begun.countDown();
            assertTrue(finish.await(30, TimeUnit.SECONDS));
            return "result";
        });
        assertTrue(begun.await(30, TimeUnit.SECONDS));
        finish.countDown();
        assertEquals("result", work.get());
        assertEquals("gatehouse-sign-in-ahead", ranOn.get());
        assertTrue(work.isDone());
    }

    @Test
    void work_the_busy_spare_core_has_not_begun_is_done_by_the_caller_and_only_once() throws Exception {
        CountDownLatch release = occupySpareCore();
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        SpareCore.Work<Integer> work = SpareCore.start(() -> {
            ranOn.set(Thread.currentThread());
            return runs.incrementAndGet();
        });
        assertEquals(1, work.get());
        assertSame(Thread.currentThread(), ranOn.get());
        release.countDown();
        awaitSpareCore(); // the spare core reaches the queued task: it must not run it again
        assertEquals(1, runs.get());
    }

    @Test
    void work_beyond_a_full_queue_is_not_refused_but_done_by_the_caller() throws Exception {
        CountDownLatch release = occupySpareCore();
        List<SpareCore.Work<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < SpareCore.QUEUE + 5; i++) {
            int n = i;
            queued.add(SpareCore.start(() -> n)); // past QUEUE: not queued, and no exception
        }
        for (int i = queued.size() - 1; i >= 0; i--) {
            assertEquals(i, queued.get(i).get());
        }
        release.countDown();
        awaitSpareCore();
    }

    @Test
    void an_exception_from_the_work_reaches_the_caller_as_it_was_thrown() throws Exception {
        awaitSpareCore();
        SpareCore.Work<String> failing = SpareCore.start(() -> {
            throw new IllegalArgumentException("bad SRP_A");
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, failing::get);
        assertEquals("bad SRP_A", e.getMessage());
        SpareCore.Work<String> error = SpareCore.start(() -> {
            throw new AssertionError("broken");
        });
        assertEquals("broken", assertThrows(AssertionError.class, error::get).getMessage());
    }

    @Test
    void an_interrupted_caller_still_gets_the_result_and_keeps_its_interrupt() throws Exception {
        awaitSpareCore();
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        SpareCore.Work<String> work = SpareCore.start(() -> {
            begun.countDown();
            assertTrue(finish.await(30, TimeUnit.SECONDS));
            return "key";
        });
        assertTrue(begun.await(30, TimeUnit.SECONDS));
        Thread caller = Thread.currentThread();
        Thread releaser = new Thread(() -> {
            caller.interrupt();
            finish.countDown();
        });
        releaser.start();
        try {
            assertEquals("key", work.get());
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
        } finally {
            releaser.join();
            Thread.interrupted();
        }
    }

    @Test
    void a_take_from_an_empty_stock_makes_its_own_value_and_the_spare_core_fills_the_stock() throws Exception {
        AtomicInteger made = new AtomicInteger();
        SpareCore.Stock<Integer> stock = new SpareCore.Stock<>(2, made::incrementAndGet);
        CountDownLatch release = occupySpareCore();
        assertEquals(1, stock.take(), "made by the taker");
        assertEquals(0, stock.ready(), "nothing ready while the spare core is busy");
        release.countDown();
        awaitSpareCore();
        assertEquals(2, stock.ready(), "filled to its size, no more");
        assertEquals(3, made.get());
    }

    @Test
    void a_value_made_ahead_is_taken_out_of_the_stock_and_replaced() throws Exception {
        AtomicInteger made = new AtomicInteger();
        SpareCore.Stock<Integer> stock = new SpareCore.Stock<>(2, made::incrementAndGet);
        stock.take();
        awaitSpareCore();
        CountDownLatch release = occupySpareCore();
        assertEquals(2, stock.take(), "the oldest value made ahead");
        assertEquals(1, stock.ready(), "the value given is no longer in the stock");
        assertEquals(3, stock.take());
        assertEquals(0, stock.ready());
        assertEquals(3, made.get(), "nothing made while the spare core is busy");
        release.countDown();
        awaitSpareCore();
        assertEquals(2, stock.ready());
    }

    @Test
    void no_two_takes_get_the_same_value_whether_made_ahead_or_not() throws Exception {
        AtomicInteger made = new AtomicInteger();
        SpareCore.Stock<Integer> stock = new SpareCore.Stock<>(3, made::incrementAndGet);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 12; i++) {
            assertTrue(seen.add(stock.take()), "a value given twice at take " + i);
            if (i % 2 == 0) {
                awaitSpareCore(); // every other take comes from a full stock
            }
        }
    }

    @Test
    void a_maker_that_fails_on_the_spare_core_leaves_the_takers_making_their_own() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SpareCore.Stock<Integer> stock = new SpareCore.Stock<>(2, () -> {
            int n = calls.incrementAndGet();
            if (n > 1 && n < 4) {
                throw new IllegalStateException("no entropy");
            }
            return n;
        });
        assertEquals(1, stock.take());
        awaitSpareCore(); // the fill fails at once (call 2): nothing ready, the spare core still runs
        assertEquals(0, stock.ready());
        assertThrows(IllegalStateException.class, stock::take, "the taker's own make fails as it would have");
        assertEquals(4, stock.take());
        awaitSpareCore();
        assertEquals(2, stock.ready());
    }

    @Test
    void a_stock_keeps_at_least_one_value() {
        assertEquals("a stock keeps at least one value ready, not 0", assertThrows(IllegalArgumentException.class,
                () -> new SpareCore.Stock<>(0, () -> 1)).getMessage());
    }
}
