package dev.gatehouse.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmThreadCpuTest {

    @Test
    void a_stat_line_gives_utime_plus_stime_even_with_spaces_and_parentheses_in_the_thread_name() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime ...
        String stat = "4242 (C2 CompilerThre) (x)) S 1 1 1 0 -1 4194368 10 0 0 0 731 29 5 7 20 0 1 0 100";
        assertEquals(760, JvmThreadCpu.ticks(stat), "utime 731 + stime 29; the children's 5 and 7 not counted");
    }

    @Test
    void the_compiler_threads_are_the_jit_and_the_vm_and_gc_threads_are_the_collector() {
        assertTrue(JvmThreadCpu.isJit("C1 CompilerThre"));
        assertTrue(JvmThreadCpu.isJit("C2 CompilerThre"));
        assertFalse(JvmThreadCpu.isJit("lambda-ListNotes"));
        assertTrue(JvmThreadCpu.isGc("VM Thread"));
        assertTrue(JvmThreadCpu.isGc("GC Thread#1"));
        assertFalse(JvmThreadCpu.isGc("VM Periodic Tas"));
        assertFalse(JvmThreadCpu.isGc("JettyServerThre"));
    }

    @Test
    void a_compiler_thread_that_ends_in_the_window_is_missed_not_subtracted() {
        // thread 2 (80 ticks at the start) ended in the window, thread 3 started in it
        Map<Long, Long> earlier = Map.of(1L, 100L, 2L, 80L);
        Map<Long, Long> later = Map.of(1L, 130L, 3L, 20L);
        assertEquals(50, JvmThreadCpu.spent(earlier, later), "thread 1's 30 and thread 3's 20; thread 2 not negative");
        assertTrue(JvmThreadCpu.ended(earlier, later));
        assertFalse(JvmThreadCpu.ended(Map.of(1L, 100L), later), "a thread that started is not one that ended");
        String window = new JvmThreadCpu(1_000, later, Map.of(9L, 60L))
                .since(new JvmThreadCpu(500, earlier, Map.of(9L, 10L)), 100);
        assertTrue(window.endsWith("JIT >=10%, GC 10%"), "a lower bound says so: " + window);
    }

    @Test
    void a_window_of_this_jvm_counts_the_cpu_its_threads_spent() {
        long pid = ProcessHandle.current().pid();
        JvmThreadCpu before = JvmThreadCpu.of(pid);
        assertTrue(before.totalTicks() > 0, "this JVM has used CPU since it started: " + before);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JvmThreadCpu after = before;
        long sink = 0;
        while (after.totalTicks() < before.totalTicks() + 10 && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                sink += Long.rotateLeft(sink ^ i, 7);
            }
            after = JvmThreadCpu.of(pid);
        }
        assertTrue(after.totalTicks() >= before.totalTicks() + 10, "100 ms of CPU counted (sink " + sink + ")");
        long jit = after.jit().values().stream().mapToLong(Long::longValue).sum();
        long gc = after.gc().values().stream().mapToLong(Long::longValue).sum();
        assertTrue(!after.jit().isEmpty() && jit <= after.totalTicks(), "this JVM's compiler threads: " + after);
        assertTrue(!after.gc().isEmpty() && gc <= after.totalTicks(), "this JVM's VM thread: " + after);
        String window = after.since(before, 10);
        assertTrue(window.matches("JVM CPU \\d+\\.\\d\\d ms per request, JIT (>=)?\\d+%, GC (>=)?\\d+%"), window);
        double perRequest = Double.parseDouble(window.split(" ")[2]);
        assertTrue(perRequest >= 10, "at least 100 ms over 10 requests: " + window);
        assertEquals("", after.since(after, 10), "an empty window says nothing");
        assertEquals("", JvmThreadCpu.of(-1).since(JvmThreadCpu.of(-1), 10), "no such process: nothing to say");
    }
}
