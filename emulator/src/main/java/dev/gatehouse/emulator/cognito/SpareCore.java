package dev.gatehouse.emulator.cognito;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sign-in arithmetic started early on one background thread, so that it can run on a core that would otherwise idle:
 * while the other side of an SRP sign-in computes, or while the request thread signs the other token. It never makes
 * a caller wait for a queue: {@link Work#get()} runs the work on the calling thread when the background thread has not
 * started it (busy, or the work was not queued because the queue was full), and only waits for work already running.
 * So with no spare core a result comes about when it would have without this class; the work is the same, done once.
 * The thread is a daemon and ends after 10 idle seconds.
 */
public final class SpareCore {
    private static final Logger LOG = LoggerFactory.getLogger(SpareCore.class);

    /** Work queued beyond this is not queued: its caller does it when it needs the result. */
    static final int QUEUE = 32;

    private static final ThreadPoolExecutor EXECUTOR = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
        Thread t = new Thread(r, "gatehouse-sign-in-ahead");
        t.setDaemon(true);
        return t;
    }, new ThreadPoolExecutor.DiscardPolicy());

    static {
        EXECUTOR.allowCoreThreadTimeOut(true);
    }

    private SpareCore() {
    }

    /** Starts {@code work} on the background thread when it is free, and returns its handle. */
    public static <T> Work<T> start(Callable<T> work) {
        Work<T> w = new Work<>(work);
        EXECUTOR.execute(w.task);
        return w;
    }

    /** Runs {@code work} on the background thread when it is free, if the queue has room; nobody waits for it. */
    static void later(Runnable work) {
        EXECUTOR.execute(work);
    }

    /** Work that {@link #start} queued; {@link #get()} gives its result, running it here if it has not begun. */
    public static final class Work<T> {
        private final FutureTask<T> task;

        private Work(Callable<T> work) {
            this.task = new FutureTask<>(work);
        }

        /**
         * The result: runs the work on this thread if nobody has started it, waits for it if the background thread is
         * running it. An exception from the work is thrown here as it was thrown there.
         */
        public T get() {
            task.run(); // does nothing when the work has begun or finished elsewhere
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return task.get();
                    } catch (InterruptedException e) {
                        interrupted = true; // the work finishes regardless; its result is still owed to the caller
                    }
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Whether the work has finished (here or on the background thread). */
        public boolean isDone() {
            return task.isDone();
        }
    }

    /**
     * Single-use values (SRP's secret exponents with their powers) made ahead: each {@link #take()} removes the value it
     * returns, so no two takers ever share one, and asks the background thread to make the stock full again. With
     * nothing ready the taker makes its own value, as it would without a stock. Values live in this JVM's memory only.
     */
    public static final class Stock<T> {
        private final int size;
        private final Supplier<T> make;
        private final Queue<T> ready = new ConcurrentLinkedQueue<>();

        /** @param size how many values to keep ready; {@code make} makes one (a fresh random value each call) */
        public Stock(int size, Supplier<T> make) {
            if (size < 1) {
                throw new IllegalArgumentException("a stock keeps at least one value ready, not " + size);
            }
            this.size = size;
            this.make = make;
        }

        /** A value no other taker gets: one made ahead, or one made here. */
        public T take() {
            T value = ready.poll();
            if (value == null) {
                value = make.get();
            }
            if (ready.size() < size) {
                later(this::fill);
            }
            return value;
        }

        /** How many values are ready now. */
        int ready() {
            return ready.size();
        }

        /** On the background thread (one thread, so two fills never race past {@code size}). */
        private void fill() {
            try {
                while (ready.size() < size) {
                    ready.add(make.get());
                }
            } catch (RuntimeException e) {
                LOG.warn("could not make a value ahead (takers make their own): {}", e.toString());
            }
        }
    }
}
