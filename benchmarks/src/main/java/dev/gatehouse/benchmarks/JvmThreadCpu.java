package dev.gatehouse.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a HotSpot JVM's CPU went over a window, read from outside the process ({@code /proc/PID/task/*}): the whole
 * process, its JIT compiler threads ({@code C1 CompilerThre...}, {@code C2 CompilerThre...}) and its garbage
 * collection (the {@code VM Thread}, where Serial GC collects, and {@code GC Thread#N}). A throughput figure whose
 * window still holds the JIT's warm-up (on a slow or busy machine the request path reaches C2's thresholds later)
 * says so beside it. Compiler and GC threads are counted thread by thread (by thread id): HotSpot adds and ends
 * compiler threads as its queues grow and shrink ({@code UseDynamicNumberOfCompilerThreads}) when it has more than
 * one per compiler, and a sum over the threads alive at each end would then drop by the whole time of one that ended.
 *
 * @param totalTicks the process's utime + stime (it keeps the time of threads that ended)
 * @param jit        utime + stime of each JIT compiler thread alive at this moment, by thread id
 * @param gc         the same for the collector's threads
 */
record JvmThreadCpu(long totalTicks, Map<Long, Long> jit, Map<Long, Long> gc) {

    /** This moment's counters of process {@code pid}; zeros when it cannot be read (not Linux, process gone). */
    static JvmThreadCpu of(long pid) {
        long total;
        Map<Long, Long> jit = new HashMap<>();
        Map<Long, Long> gc = new HashMap<>();
        Path process = Path.of("/proc", String.valueOf(pid));
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            total = ticks(Files.readString(process.resolve("stat")));
            for (Path thread : threads) {
                long ticks;
                String name;
                try {
                    ticks = ticks(Files.readString(thread.resolve("stat")));
                    name = Files.readString(thread.resolve("comm")).strip();
                } catch (NoSuchFileException gone) {
                    continue; // the thread ended between the listing and the read
                }
                long tid = Long.parseLong(thread.getFileName().toString());
                if (isJit(name)) {
                    jit.put(tid, ticks);
                } else if (isGc(name)) {
                    gc.put(tid, ticks);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new JvmThreadCpu(0, Map.of(), Map.of());
        }
        return new JvmThreadCpu(total, Map.copyOf(jit), Map.copyOf(gc));
    }

    static boolean isJit(String threadName) {
        return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre");
    }

    static boolean isGc(String threadName) {
        return threadName.equals("VM Thread") || threadName.startsWith("GC Thread");
    }

    /** utime + stime of one {@code /proc/.../stat} line. */
    static long ticks(String stat) {
        String[] f = statFields(stat);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /**
     * The fields of a {@code /proc/.../stat} line after {@code "pid (comm) "} (the command may hold spaces and
     * parentheses): state is [0], utime [11], stime [12], cutime [13], cstime [14].
     */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * The ticks {@code later}'s threads spent since {@code earlier}: a thread in both its difference, a thread that
     * started in the window all of its time; a thread that ended in the window is not in {@code later}, so what it
     * spent there is missed ({@link #ended}).
     */
    static long spent(Map<Long, Long> earlier, Map<Long, Long> later) {
        long sum = 0;
        for (Map.Entry<Long, Long> thread : later.entrySet()) {
            sum += Math.max(0, thread.getValue() - earlier.getOrDefault(thread.getKey(), 0L));
        }
        return sum;
    }

    /** Whether a thread of {@code earlier} is gone from {@code later} (its time in the window is not counted). */
    static boolean ended(Map<Long, Long> earlier, Map<Long, Long> later) {
        return !later.keySet().containsAll(earlier.keySet());
    }

    /**
     * What the window from {@code earlier} to {@code this} shows: CPU per request and the JIT's and GC's shares, e.g.
     * {@code "JVM CPU 1.42 ms per request, JIT 13%, GC 6%"} ({@code "JIT >=13%"} when a compiler thread ended in the
     * window: its time there is not counted); empty when nothing was counted.
     */
    String since(JvmThreadCpu earlier, double requests) {
        long total = totalTicks - earlier.totalTicks;
        if (total <= 0 || requests <= 0) {
            return "";
        }
        return String.format("JVM CPU %.2f ms per request, JIT %s%.0f%%, GC %s%.0f%%",
                total * 1000.0 / PeerRunner.TICKS / requests, ended(earlier.jit, jit) ? ">=" : "",
                100.0 * spent(earlier.jit, jit) / total, ended(earlier.gc, gc) ? ">=" : "",
                100.0 * spent(earlier.gc, gc) / total);
    }
}
