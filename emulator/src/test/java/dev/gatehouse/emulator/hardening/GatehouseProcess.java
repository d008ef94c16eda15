package dev.gatehouse.emulator.hardening;

import dev.gatehouse.emulator.client.AdminToken;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gatehouse ...} in a separate JVM (the test classpath), its stdout and stderr captured to files: what a user
 * runs, and what can be killed with {@code kill -9}.
 */
public final class GatehouseProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Gatehouse ready at (http://\\S+)");

    final Process process;
    final Path stdout;
    final Path stderr;
    /** Completed by the stdout reader with the ready line's address, or with null when stdout ends without it. */
    private final CompletableFuture<URI> ready = new CompletableFuture<>();
    /** {@link #awaitOutput} calls waiting for a text: completed by the stderr reader (the log) when a line holds it. */
    private final List<Map.Entry<String, CompletableFuture<Boolean>>> awaited = new CopyOnWriteArrayList<>();

    private GatehouseProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        start("gatehouse-process-stdout", () -> copy(process.getInputStream(), stdout, true));
        start("gatehouse-process-stderr", () -> copy(process.getErrorStream(), stderr, false));
    }

    private static void start(String name, Runnable work) {
        Thread reader = new Thread(work, name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Copies one of the process's streams to its file line by line; on stdout it signals the ready line as it passes,
     * on stderr the texts {@link #awaitOutput} waits for.
     */
    private void copy(InputStream stream, Path file, boolean isStdout) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (isStdout) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(URI.create(m.group(1)));
                    }
                } else {
                    for (Map.Entry<String, CompletableFuture<Boolean>> wait : awaited) {
                        if (line.contains(wait.getKey())) {
                            wait.getValue().complete(true);
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed: its stream simply ends
        } finally {
            if (isStdout) {
                ready.complete(null);
            } else {
                awaited.forEach(wait -> wait.getValue().complete(false));
            }
        }
    }

    public static GatehouseProcess run(Path logDir, String... args) throws IOException {
        return run(logDir, List.of(), args);
    }

    /** The same, with {@code jvmOptions} (e.g. {@code -Duser.home=...}) given to the child JVM before the class. */
    public static GatehouseProcess run(Path logDir, List<String> jvmOptions, String... args) throws IOException {
        Files.createDirectories(logDir);
        // Left to itself, DynamoDB Local copies SQLite's native library to a temporary file that only a JVM's orderly
        // exit deletes; Gatehouse gives it its own copy in ~/.gatehouse/native instead (SqliteLibrary). Should that
        // fail, a child these tests kill -9 still leaves nothing in /tmp: DynamoDB Local's copy goes to this directory.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.sqlite.tmpdir=" + logDir.toAbsolutePath(), "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add("dev.gatehouse.emulator.cli.Main");
        command.addAll(List.of(args));
        Path out = Files.createTempFile(logDir, "stdout-", ".txt");
        Path err = Files.createTempFile(logDir, "stderr-", ".txt");
        Process p = new ProcessBuilder(command).start();
        return new GatehouseProcess(p, out, err);
    }

    /** Waits for the ready line and returns the base URI; fails if the process ends first. */
    public URI awaitReady(Duration timeout) throws IOException, InterruptedException {
        URI base;
        try {
            base = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("gatehouse not ready in " + timeout + ":\n" + output());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (base == null) {
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("gatehouse ended its output before ready (exit "
                    + (process.isAlive() ? "none yet" : process.exitValue()) + "):\n" + output());
        }
        return base;
    }

    /** {@code GET /_gatehouse/outputs} of a running Gatehouse, with the token it wrote for its port (as the CLI). */
    static dev.gatehouse.emulator.client.Outputs outputs(URI base) throws IOException, InterruptedException {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                base.resolve("/_gatehouse/outputs")).header(AdminToken.HEADER, AdminToken.find(base).orElseThrow())
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.body(),
                dev.gatehouse.emulator.client.Outputs.class);
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("gatehouse still running after " + timeout);
        }
        return process.exitValue();
    }

    /**
     * Waits until a line of the log (stderr) holds {@code text}: e.g. the line that says DynamoDB Local, the tables and
     * the functions are ready; fails after {@code timeout} or if the log ends first.
     */
    public void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        CompletableFuture<Boolean> seen = new CompletableFuture<>();
        awaited.add(Map.entry(text, seen));
        boolean found;
        if (Files.readString(stderr, StandardCharsets.UTF_8).contains(text)) {
            found = true; // written before this wait was registered
        } else {
            try {
                found = seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("gatehouse never wrote \"" + text + "\" in " + timeout + ":\n"
                        + output());
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        if (!found) {
            throw new IllegalStateException("gatehouse's log ended without \"" + text + "\":\n" + output());
        }
    }

    public String output() {
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
