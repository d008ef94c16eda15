package dev.gatehouse.emulator.lambda.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every execution environment process Gatehouse started and has not yet stopped: killed (with their own children) when
 * an environment is discarded, when Gatehouse closes, and by a JVM shutdown hook (Ctrl-C, SIGTERM), so no function
 * process outlives Gatehouse.
 */
final class ChildProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcesses::kill),
                "gatehouse-function-processes"));
    }

    private ChildProcesses() {
    }

    static Process start(ProcessBuilder builder) throws java.io.IOException {
        Process process = builder.start();
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        return process;
    }

    /** Kills the process and its descendants at once (SIGKILL), and waits briefly for it to be gone. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    static int live() {
        return LIVE.size();
    }
}
