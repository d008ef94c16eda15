package dev.gatehouse.emulator.cognito.e2e;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** A command-line client (aws, curl, node, npm) run as its own process, with the environment the test gives it. */
final class ExternalTool {
    record Result(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private ExternalTool() {
    }

    /**
     * Runs a command with a clean environment plus {@code env} (PATH and HOME kept), in {@code dir}, and waits for it.
     */
    static Result run(Path dir, Map<String, String> env, int timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("AWS_"));
        environment.putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, new String(out, StandardCharsets.UTF_8), "timed out after " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("(stderr unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Whether the command runs and exits 0. */
    static boolean works(String... command) {
        try {
            return run(Path.of("."), Map.of(), 60, List.of(command)).exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Skips the calling test class when the tool is missing, unless {@code CI=true}, where a missing tool fails
     * (.ci/run installs it).
     */
    static void require(String what, String howToInstall, String... versionCommand) {
        if (works(versionCommand)) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but " + what + " is not available: " + howToInstall);
        }
        Assumptions.abort(what + " is not available (" + howToInstall + "): skipping");
    }

    /** A fresh temporary directory under target/. */
    static Path tempDir(String prefix) throws IOException {
        Path target = Path.of("target");
        Files.createDirectories(target);
        return Files.createTempDirectory(target, prefix);
    }
}
