package dev.gatehouse.emulator.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.lambda.FunctionError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment: one process running a runtime client against its own {@link RuntimeApi}, handling one
 * invocation at a time. Its life: started (the process runs the function's init code), ready (the runtime asked for
 * its first event), invoked any number of times, and discarded when it died, timed out, failed its init, or Gatehouse
 * closes. A discarded environment's process is killed.
 */
final class ExecutionEnvironment implements RuntimeApi.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pending SHUTDOWN = new Pending(null, null, null, null);
    /**
     * What Gatehouse's runtime clients write on their output, followed by the request id and a line end, after an
     * invocation's last line and before they post its answer (a NUL byte: no log line starts with one).
     */
    static final String END_OF_OUTPUT = "\0gatehouse:end ";
    /** How long an answer waits for its end-of-output marker (already in the pipe when the answer arrives). */
    private static final Duration END_OF_OUTPUT_WAIT = Duration.ofSeconds(2);

    /**
     * An invocation handed to (or waiting for) the runtime; {@code result} completes with its outcome, {@code
     * outputEnded} when the runtime's end-of-output marker for it was read.
     */
    record Pending(RuntimeApi.Next next, CompletableFuture<Result> result, List<String> logLines,
                   CompletableFuture<Void> outputEnded) {
    }

    /** What the runtime answered: the response bytes, or a function error. */
    sealed interface Result {
        record Response(byte[] payload) implements Result {
        }

        record Failed(FunctionError error) implements Result {
        }
    }

    /** What to start: the command and variables, and names for logs. */
    record Launch(String functionName, List<String> command, Map<String, String> variables, java.nio.file.Path taskRoot,
                  Instant credentialsExpiration, FunctionHost.LogSink logSink, boolean marksEndOfOutput) {
    }

    private final Launch launch;
    private final int number;
    private final Logger log;
    private final RuntimeApi api;
    private final Process process;
    private final long startedNanos = System.nanoTime();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final LinkedBlockingQueue<Pending> events = new LinkedBlockingQueue<>();
    private final List<String> initLines = Collections.synchronizedList(new ArrayList<>());
    private volatile Pending current;
    /** The last invocation handed to the runtime: output lines belong to it until the next one (as on Lambda). */
    private volatile Pending lastHanded;
    private volatile FunctionError death;
    private volatile boolean closed;

    /** Starts the process; its init runs while the caller goes on (see {@link #awaitReady}). */
    ExecutionEnvironment(Launch launch, int number) throws IOException {
        this.launch = launch;
        this.number = number;
        this.log = LoggerFactory.getLogger("lambda." + launch.functionName());
        this.api = new RuntimeApi(launch.functionName() + "-" + number, this);
        ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.taskRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(launch.variables());
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
        try {
            this.process = ChildProcesses.start(builder);
        } catch (IOException e) {
            api.close();
            throw e;
        }
        process.getOutputStream().close();
        Thread pump = new Thread(this::pumpOutput, "lambda-" + launch.functionName() + "-" + number + "-output");
        pump.setDaemon(true);
        pump.start();
        process.onExit().thenRun(this::exited);
    }

    int number() {
        return number;
    }

    long pid() {
        return process.pid();
    }

    Instant credentialsExpiration() {
        return launch.credentialsExpiration();
    }

    /**
     * Waits until the runtime asks for its first event (init done). Returns null when ready, else the error: the
     * runtime's init error, its exit, or an init that outlasted {@code limit} (the process is then killed).
     */
    FunctionError awaitReady(Duration limit) throws InterruptedException {
        try {
            ready.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            log.info("[init] environment {} (pid {}) ready in {} ms (cold start)", number, process.pid(),
                    (System.nanoTime() - startedNanos) / 1_000_000);
            return null;
        } catch (ExecutionException e) {
            return death != null ? death : new FunctionError(e.getCause().getMessage(), "Runtime.Unknown", null, null);
        } catch (TimeoutException e) {
            log.warn("[init] environment {} did not finish its init within {} s: stopped", number, limit.toSeconds());
            close();
            return new FunctionError("Init timed out after " + limit.toSeconds() + " seconds", "Runtime.InitTimeout",
                    null, null);
        }
    }

    /** Whether this environment can take another invocation. */
    boolean usable() {
        return !closed && death == null && process.isAlive();
    }

    /**
     * Hands one event to the runtime and waits for its answer, at most {@code timeout}; past it the process is killed
     * (the caller answers as a timeout) and null is returned.
     */
    Result invoke(RuntimeApi.Next next, Duration timeout, List<String> logLines) throws InterruptedException {
        Pending pending = new Pending(next, new CompletableFuture<>(), logLines, new CompletableFuture<>());
        events.put(pending);
        if (!usable() && events.remove(pending)) {
            return new Result.Failed(death != null ? death : exitError(next.awsRequestId()));
        }
        try {
            Result result = pending.result().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            awaitEndOfOutput(pending);
            return result;
        } catch (TimeoutException e) {
            log.warn("[{}] Task timed out after {} ms: environment {} (pid {}) stopped", next.awsRequestId(),
                    timeout.toMillis(), number, process.pid());
            close();
            return null;
        } catch (ExecutionException e) {
            return new Result.Failed(new FunctionError(String.valueOf(e.getCause()), "Runtime.Unknown", null, null));
        } finally {
            current = null;
        }
    }

    /**
     * For a runtime client that marks the end of an invocation's output: waits until the marker was read, so every line
     * the function wrote before its answer is in {@code logLines}. The marker is written before the answer is posted,
     * so this wait ends as soon as the output reader has caught up; it is bounded in case the function closed its
     * standard output.
     */
    private void awaitEndOfOutput(Pending pending) throws InterruptedException {
        if (!launch.marksEndOfOutput()) {
            return;
        }
        try {
            pending.outputEnded().get(END_OF_OUTPUT_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.debug("[{}] no end-of-output marker within {} ms", pending.next().awsRequestId(),
                    END_OF_OUTPUT_WAIT.toMillis());
        }
    }

    @Override
    public RuntimeApi.Next next() throws InterruptedException {
        ready.complete(null);
        Pending pending = events.take();
        if (pending == SHUTDOWN) {
            events.offer(SHUTDOWN);
            return null;
        }
        current = pending;
        lastHanded = pending;
        return pending.next();
    }

    @Override
    public RuntimeApi.Answer response(String awsRequestId, byte[] body) {
        Pending pending = current;
        if (pending == null || !pending.next().awsRequestId().equals(awsRequestId)) {
            return unknownRequest(awsRequestId);
        }
        pending.result().complete(new Result.Response(body));
        return RuntimeApi.Answer.ACCEPTED;
    }

    @Override
    public RuntimeApi.Answer error(String awsRequestId, String errorTypeHeader, byte[] body) {
        Pending pending = current;
        if (pending == null || !pending.next().awsRequestId().equals(awsRequestId)) {
            return unknownRequest(awsRequestId);
        }
        pending.result().complete(new Result.Failed(functionError(errorTypeHeader, body)));
        return RuntimeApi.Answer.ACCEPTED;
    }

    @Override
    public RuntimeApi.Answer initError(String errorTypeHeader, byte[] body) {
        FunctionError error = functionError(errorTypeHeader, body);
        log.error("[init] environment {}: {}: {}", number, error.errorType(), error.errorMessage());
        death = error;
        ready.completeExceptionally(new IllegalStateException(error.errorMessage()));
        return RuntimeApi.Answer.ACCEPTED;
    }

    private static RuntimeApi.Answer unknownRequest(String awsRequestId) {
        return new RuntimeApi.Answer(400, "InvalidRequestID", "Invalid request ID: " + awsRequestId
                + " is not the invocation in progress");
    }

    /** The error document a runtime posts: {@code errorType}, {@code errorMessage}, {@code stackTrace} or Node's {@code trace}. */
    static FunctionError functionError(String errorTypeHeader, byte[] body) {
        String fallbackType = errorTypeHeader == null ? "Unhandled" : errorTypeHeader;
        if (body == null) {
            return new FunctionError("Response payload size exceeded maximum allowed payload size (6291556 bytes).",
                    "Function.ResponseSizeTooLarge", null, null);
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                return new FunctionError(new String(body, StandardCharsets.UTF_8), fallbackType, null, null);
            }
            JsonNode trace = node.has("stackTrace") ? node.get("stackTrace") : node.get("trace");
            List<String> stack = null;
            if (trace != null && trace.isArray()) {
                stack = new ArrayList<>();
                for (JsonNode line : trace) {
                    stack.add(line.isTextual() ? line.asText() : line.toString());
                }
            }
            return new FunctionError(node.path("errorMessage").asText(null),
                    node.path("errorType").asText(fallbackType), stack, null);
        } catch (IOException e) {
            return new FunctionError(new String(body, StandardCharsets.UTF_8), fallbackType, null, null);
        }
    }

    private void pumpOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                Pending pending = lastHanded;
                int marker = line.indexOf(END_OF_OUTPUT);
                if (marker >= 0) {
                    String endedId = line.substring(marker + END_OF_OUTPUT.length());
                    line = line.substring(0, marker);
                    if (pending != null && pending.next().awsRequestId().equals(endedId)) {
                        if (!line.isEmpty()) {
                            record(pending, line.replace('\r', '\n'));
                        }
                        pending.outputEnded().complete(null);
                        continue;
                    }
                    if (line.isEmpty()) {
                        continue;
                    }
                }
                String text = line.replace('\r', '\n');
                if (pending == null) {
                    initLines.add(text);
                    log.info("[{}] {}", ready.isDone() ? "env " + number : "init", text);
                } else {
                    record(pending, text);
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            Pending pending = lastHanded;
            if (pending != null) {
                pending.outputEnded().complete(null); // nothing more will come
            }
        }
    }

    private void record(Pending pending, String text) {
        pending.logLines().add(text);
        log.info("[{}] {}", pending.next().awsRequestId(), text);
        launch.logSink().line(launch.functionName(), pending.next().awsRequestId(), text);
    }

    private void exited() {
        Pending pending = current;
        FunctionError exit = exitError(pending == null ? null : pending.next().awsRequestId());
        if (death == null) {
            death = exit;
        }
        if (!closed) {
            log.warn("[{}] environment {} (pid {}): {}", pending == null ? "env " + number
                    : pending.next().awsRequestId(), number, process.pid(), exit.errorMessage());
        }
        ready.completeExceptionally(new IllegalStateException(exit.errorMessage()));
        if (pending != null) {
            pending.result().complete(new Result.Failed(exit));
        }
        for (Pending waiting; (waiting = events.poll()) != null; ) {
            if (waiting != SHUTDOWN) {
                waiting.result().complete(new Result.Failed(exit));
            }
        }
        events.offer(SHUTDOWN);
        api.close();
    }

    /** Lambda's report of a runtime that exited: {@code Runtime.ExitError}, with the signal or exit status. */
    private FunctionError exitError(String awsRequestId) {
        String how;
        if (process.isAlive()) {
            how = "exit status unknown";
        } else {
            int status = process.exitValue();
            how = switch (status) {
                case 137 -> "signal: killed";
                case 134 -> "signal: aborted";
                case 139 -> "signal: segmentation fault";
                case 143 -> "signal: terminated";
                default -> "exit status " + status;
            };
        }
        return new FunctionError((awsRequestId == null ? "" : "RequestId: " + awsRequestId + " ")
                + "Error: Runtime exited with error: " + how, "Runtime.ExitError", null, null);
    }

    /** Kills the process and closes the Runtime API. */
    @Override
    public void close() {
        closed = true;
        events.offer(SHUTDOWN);
        ChildProcesses.kill(process);
        api.close();
    }

    @Override
    public String toString() {
        return "ExecutionEnvironment[" + launch.functionName() + " #" + number + ", pid " + process.pid() + "]";
    }
}
