package dev.gatehouse.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a HotSpot JVM's CPU went over a window, read from outside the process ({@code /proc/PID/task/*}): the whole
 * process, its JIT compiler threads ({@code C1 CompilerThre...}, {@code C2 CompilerThre...}) and its garbage
 * collection (the {@code VM Thread}, where Serial GC collects, and {@code GC Thread#N}). A throughput figure whose
 * window still holds the JIT's warm-up (on a slow or busy machine the request path reaches C2's thresholds later)
 * says so beside it.
 */
record JvmThreadCpu(long totalTicks, long jitTicks, long gcTicks) {

    /**
     * This moment's counters of process {@code pid}; zeros when it cannot be read (not Linux, process gone). The total
     * is the process's own (it keeps the time of threads that ended), the JIT's and GC's the sums over their threads.
     */
    static JvmThreadCpu of(long pid) {
        long total;
        long jit = 0;
        long gc = 0;
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
                if (isJit(name)) {
                    jit += ticks;
                } else if (isGc(name)) {
                    gc += ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new JvmThreadCpu(0, 0, 0);
        }
        return new JvmThreadCpu(total, jit, gc);
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
     * What the window from {@code this} to {@code later} shows: CPU per request and the JIT's and GC's shares, e.g.
     * {@code "JVM CPU 1.42 ms per request, JIT 13%, GC 6%"}; empty when nothing was counted.
     */
    String since(JvmThreadCpu earlier, double requests) {
        long total = totalTicks - earlier.totalTicks;
        if (total <= 0 || requests <= 0) {
            return "";
        }
        return String.format("JVM CPU %.2f ms per request, JIT %.0f%%, GC %.0f%%",
                total * 1000.0 / PeerRunner.TICKS / requests, 100.0 * (jitTicks - earlier.jitTicks) / total,
                100.0 * (gcTicks - earlier.gcTicks) / total);
    }
}
