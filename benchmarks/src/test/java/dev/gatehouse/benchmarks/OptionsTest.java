package dev.gatehouse.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {
    private static final Map<String, Options.Kind> KNOWN = Map.of("endpoint", Options.Kind.HTTP_URI,
            "pid", Options.Kind.PID, "threads", Options.Kind.POSITIVE, "starts", Options.Kind.COUNT,
            "repo", Options.Kind.TEXT);

    private static String refused(Set<String> required, String... args) {
        return assertThrows(IllegalArgumentException.class,
                () -> Options.parse("Tool", args, KNOWN, required)).getMessage();
    }

    @Test
    void readsWhatItIsGiven() {
        String pid = String.valueOf(ProcessHandle.current().pid());
        Options o = Options.parse("Tool", new String[] {"--endpoint", "http://127.0.0.1:8421", "--pid", pid,
                "--threads", "4", "--starts", "0", "--repo", "/tmp/x y"}, KNOWN, Set.of("repo"));
        assertEquals(4, o.number("threads"));
        assertEquals(0, o.number("starts", 8));
        assertEquals(pid, o.text("pid"));
        assertEquals("/tmp/x y", o.text("repo"));
        assertTrue(o.has("endpoint"));
        Options none = Options.parse("Tool", new String[0], KNOWN, Set.of());
        assertFalse(none.has("threads"));
        assertEquals(16, none.number("threads", 16));
    }

    @Test
    void namesWhatIsWrong() {
        assertEquals("Tool: unknown option --thread; known: endpoint, pid, repo, starts, threads",
                refused(Set.of(), "--thread", "4"));
        assertEquals("Tool: expected --option value, got '4' (argument 1)", refused(Set.of(), "4", "--threads"));
        assertEquals("Tool: --threads needs a value", refused(Set.of(), "--threads"));
        assertEquals("Tool: --threads is given twice", refused(Set.of(), "--threads", "2", "--threads", "3"));
        assertEquals("Tool: missing --repo", refused(Set.of("repo"), "--threads", "2"));
        assertEquals("Tool: --threads must be a whole number, 1 or more, got '0'", refused(Set.of(), "--threads", "0"));
        assertEquals("Tool: --starts must be a whole number, 0 or more, got '-1'", refused(Set.of(), "--starts", "-1"));
        assertEquals("Tool: --starts must be a whole number, 0 or more, got 'eight'",
                refused(Set.of(), "--starts", "eight"));
        assertEquals("Tool: --pid must be a process id, got 'gatehouse'", refused(Set.of(), "--pid", "gatehouse"));
        assertEquals("Tool: --pid must be a running process's id (no /proc/4999999999), got '4999999999'",
                refused(Set.of(), "--pid", "4999999999"));
        assertEquals("Tool: --endpoint must be an http:// or https:// address with a host, got '127.0.0.1:8421'",
                refused(Set.of(), "--endpoint", "127.0.0.1:8421"));
        assertEquals("Tool: --endpoint must be an http:// or https:// address with a host, got 'ftp://h/'",
                refused(Set.of(), "--endpoint", "ftp://h/"));
    }
}
