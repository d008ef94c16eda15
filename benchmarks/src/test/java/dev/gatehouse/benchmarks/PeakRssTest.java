package dev.gatehouse.benchmarks;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PeakRssTest {
    private static final long MB = 1024;

    @Test
    void the_peak_keeps_memory_already_given_back_until_it_is_started_over() throws Exception {
        long pid = ProcessHandle.current().pid();
        // Linux only (the runner falls back to sampling elsewhere); here before the block, so the peak below is its
        assumeTrue(PeakRss.reset(pid), "/proc/" + pid + "/clear_refs is not writable here");
        ByteBuffer block = ByteBuffer.allocateDirect(96 * 1024 * 1024);
        for (int i = 0; i < block.capacity(); i += 4096) {
            block.put(i, (byte) 1); // every page resident
        }
        long withBlock = PeakRss.residentKb(pid);
        free(block); // malloc gives a block this large back to the system at once
        long without = PeakRss.residentKb(pid);
        assertTrue(withBlock - without >= 64 * MB, "96 MB touched then freed: " + withBlock + " -> " + without + " KB");
        long held = PeakRss.peakKb(pid);
        assertTrue(held >= withBlock - 4 * MB, "the kernel's peak still holds the freed block: " + held + " KB");

        assertTrue(PeakRss.reset(pid), "started over a second time");
        long peak = PeakRss.peakKb(pid);
        assertTrue(peak < withBlock - 48 * MB, "after the reset the peak is today's size, not the block's: "
                + peak + " KB against " + withBlock + " KB with the block");
    }

    @Test
    void a_process_that_is_not_there_reads_as_zero_and_cannot_be_reset() {
        assertEquals(0, PeakRss.residentKb(-1));
        assertEquals(0, PeakRss.peakKb(-1));
        assertTrue(!PeakRss.reset(-1));
    }

    private static void free(ByteBuffer direct) throws Exception {
        Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Object unsafe = f.get(null);
        unsafe.getClass().getMethod("invokeCleaner", ByteBuffer.class).invoke(unsafe, direct);
    }
}
