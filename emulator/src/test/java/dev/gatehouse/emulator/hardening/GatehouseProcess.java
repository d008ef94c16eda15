package dev.gatehouse.emulator.hardening;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gatehouse ...} in a separate JVM (the test classpath), its stdout and stderr captured to files: what a user
 * runs, and what can be killed with {@code kill -9}.
 */
final class GatehouseProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Gatehouse ready at (http://\\S+)");

    final Process process;
    final Path stdout;
    final Path stderr;

    private GatehouseProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static GatehouseProcess run(Path logDir, String... args) throws IOException {
        Files.createDirectories(logDir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.gatehouse.emulator.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(logDir, "stdout-", ".txt");
        Path err = Files.createTempFile(logDir, "stderr-", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new GatehouseProcess(p, out, err);
    }

    /** Waits for the ready line and returns the base URI; fails if the process ends first. */
    URI awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = READY.matcher(Files.readString(stdout));
            if (m.find()) {
                return URI.create(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("gatehouse exited " + process.exitValue() + " before ready:\n"
                        + output());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("gatehouse not ready in " + timeout + ":\n" + output());
    }

    /** {@code GET /_gatehouse/outputs} of a running Gatehouse. */
    static dev.gatehouse.emulator.client.Outputs outputs(URI base) throws IOException, InterruptedException {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                base.resolve("/_gatehouse/outputs")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.body(),
                dev.gatehouse.emulator.client.Outputs.class);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("gatehouse still running after " + timeout);
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}
