package dev.gatehouse.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory from {@code /proc/PID/status}, and its peak since a moment of our choosing: writing
 * {@code 5} to {@code /proc/PID/clear_refs} sets the kernel's high-water mark ({@code VmHWM}) back to the current
 * {@code VmRSS} (Linux 4.0 and later, the process's owner or root), so the peak the kernel keeps covers every page the
 * process touched since then, where sampling {@code VmRSS} every so often misses what rose and fell between samples
 * (a compiler thread's arena, freed and trimmed within the second).
 */
final class PeakRss {
    private PeakRss() {
    }

    /** Starts the kernel's peak over for {@code pid}; false when it cannot be (not Linux, not allowed, gone). */
    static boolean reset(long pid) {
        try {
            Files.writeString(Path.of("/proc", String.valueOf(pid), "clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code VmRSS} in KB, 0 when it cannot be read. */
    static long residentKb(long pid) {
        return statusKb(pid, "VmRSS:");
    }

    /** {@code VmHWM} (the peak of {@code VmRSS} since the start or the last {@link #reset}) in KB, 0 when unread. */
    static long peakKb(long pid) {
        return statusKb(pid, "VmHWM:");
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
