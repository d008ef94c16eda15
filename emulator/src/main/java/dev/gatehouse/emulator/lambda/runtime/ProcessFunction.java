package dev.gatehouse.emulator.lambda.runtime;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.lambda.FunctionConfiguration;
import dev.gatehouse.emulator.lambda.FunctionError;
import dev.gatehouse.emulator.lambda.Invocation;
import dev.gatehouse.emulator.lambda.RunningFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function whose execution environments are processes speaking the Lambda Runtime API, as on Lambda: one invocation
 * at a time per environment, warm environments reused (most recently used first), a new one started (a cold start,
 * logged with its init duration) when all are busy, up to {@code reservedConcurrency}; beyond that the invocation is
 * throttled. An environment that died, timed out or failed its init is discarded and its process killed; the next
 * invocation gets a fresh one.
 */
public final class ProcessFunction implements RunningFunction {
    /** Lambda's limit on a function's init phase; an init past it is retried within the invocation's timeout. */
    static final Duration INIT_LIMIT = Duration.ofSeconds(10);
    /**
     * The limit for the init of the environment started with Gatehouse (no invocation waits on it): generous, as every
     * function starts at once on a machine that may be busy.
     */
    static final Duration START_INIT_LIMIT = Duration.ofMinutes(2);
    /** An environment whose credentials expire sooner than this is retired instead of reused. */
    static final Duration CREDENTIALS_MARGIN = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(ProcessFunction.class);

    private final FunctionConfiguration configuration;
    private final GatehouseConfig.Code code;
    private final LambdaRuntime runtime;
    private final FunctionHost host;
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private final List<ExecutionEnvironment> all = new ArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private int live;
    private boolean closed;

    public ProcessFunction(FunctionConfiguration configuration, GatehouseConfig.Code code, FunctionHost host) {
        this.configuration = configuration;
        this.code = code;
        this.runtime = LambdaRuntime.of(code.runtime());
        this.host = host;
    }

    /** Why this function's runtime cannot start on this machine, or null. */
    public static String unavailable(GatehouseConfig.Code code) {
        return LambdaRuntime.of(code.runtime()).unavailable().orElse(null);
    }

    @Override
    public FunctionConfiguration configuration() {
        return configuration;
    }

    /** Starts one environment (a cold start) unless one is warm; its init error, if any, is logged. */
    @Override
    public void warm() {
        synchronized (this) {
            if (!idle.isEmpty() || live > 0) {
                return;
            }
        }
        try {
            Acquired acquired = acquire(null);
            if (acquired.environment() != null) {
                release(acquired.environment());
            } else if (acquired.error() != null) {
                LOG.error("Function {} ({} {}, route {}) failed its init: {}: {}", name(), code.runtime(),
                        configuration.handler(), configuration.routeKey(), acquired.error().errorType(),
                        acquired.error().errorMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Invocation invoke(byte[] event, Duration timeout) {
        String awsRequestId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        List<String> logLines = Collections.synchronizedList(new ArrayList<>());
        try {
            Acquired acquired = acquire(timeout);
            if (acquired.throttled()) {
                return new Invocation(awsRequestId, Invocation.Outcome.THROTTLED, null, new FunctionError(
                        "Rate Exceeded.", "TooManyRequestsException", null, null), since(started));
            }
            if (acquired.error() != null) {
                Invocation.Outcome outcome = "Runtime.InitTimeout".equals(acquired.error().errorType())
                        ? Invocation.Outcome.TIMED_OUT : Invocation.Outcome.ERROR;
                return new Invocation(awsRequestId, outcome, null, acquired.error(), since(started));
            }
            ExecutionEnvironment environment = acquired.environment();
            RuntimeApi.Next next = new RuntimeApi.Next(awsRequestId, System.currentTimeMillis() + timeout.toMillis(),
                    configuration.functionArn(), traceId(), null, null, event);
            ExecutionEnvironment.Result result;
            try {
                result = environment.invoke(next, timeout, logLines);
            } finally {
                release(environment);
            }
            List<String> logs = List.copyOf(logLines);
            if (result == null) {
                return new Invocation(awsRequestId, Invocation.Outcome.TIMED_OUT, null,
                        FunctionError.timedOut(timeout), since(started), logs);
            }
            if (result instanceof ExecutionEnvironment.Result.Failed failed) {
                LOG.info("{} {} failed: {}: {}", name(), awsRequestId, failed.error().errorType(),
                        failed.error().errorMessage());
                return new Invocation(awsRequestId, Invocation.Outcome.ERROR, null, failed.error(), since(started),
                        logs);
            }
            return new Invocation(awsRequestId, Invocation.Outcome.SUCCESS,
                    ((ExecutionEnvironment.Result.Response) result).payload(), null, since(started), logs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking " + name(), e);
        }
    }

    private record Acquired(ExecutionEnvironment environment, FunctionError error, boolean throttled) {
    }

    /** A warm environment, else a new one once its init is done, else throttled at the concurrency limit. */
    private Acquired acquire(Duration timeout) throws InterruptedException {
        List<ExecutionEnvironment> retired = new ArrayList<>();
        ExecutionEnvironment warm = null;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("function " + name() + " is closed");
            }
            while (!idle.isEmpty()) {
                ExecutionEnvironment candidate = idle.pollFirst();
                if (candidate.usable() && !credentialsExpiring(candidate)) {
                    warm = candidate;
                    break;
                }
                retired.add(candidate);
                discard(candidate);
            }
            if (warm == null && live >= code.reservedConcurrency()) {
                retired.forEach(ExecutionEnvironment::close);
                return new Acquired(null, null, true);
            }
            if (warm == null) {
                live++;
            }
        }
        retired.forEach(ExecutionEnvironment::close);
        if (warm != null) {
            return new Acquired(warm, null, false);
        }
        ExecutionEnvironment fresh;
        try {
            fresh = new ExecutionEnvironment(launch(), numbers.incrementAndGet());
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                live--;
            }
            return new Acquired(null, new FunctionError("cannot start " + String.join(" ",
                    runtime.command(code, configuration.handler(), configuration.memorySizeMb())) + ": " + e.getMessage(),
                    "Runtime.InvalidEntrypoint", null, null), false);
        }
        synchronized (this) {
            all.add(fresh);
            if (closed) {
                discard(fresh);
                fresh.close();
                throw new IllegalStateException("function " + name() + " is closed");
            }
        }
        FunctionError initError = fresh.awaitReady(timeout == null ? START_INIT_LIMIT : INIT_LIMIT.plus(timeout));
        if (initError != null) {
            synchronized (this) {
                discard(fresh);
            }
            fresh.close();
            return new Acquired(null, initError, false);
        }
        return new Acquired(fresh, null, false);
    }

    private void release(ExecutionEnvironment environment) {
        boolean keep;
        synchronized (this) {
            keep = !closed && environment.usable();
            if (keep) {
                idle.addFirst(environment);
            } else {
                discard(environment);
            }
        }
        if (!keep) {
            environment.close();
        }
    }

    /** Removes from the books (caller holds the lock); the caller closes it. */
    private void discard(ExecutionEnvironment environment) {
        if (all.remove(environment)) {
            live--;
        }
    }

    private boolean credentialsExpiring(ExecutionEnvironment environment) {
        return environment.credentialsExpiration() != null && environment.credentialsExpiration()
                .isBefore(host.clock().instant().plus(CREDENTIALS_MARGIN));
    }

    private ExecutionEnvironment.Launch launch() {
        FunctionHost.Variables variables = host.variables(configuration, code, runtime);
        return new ExecutionEnvironment.Launch(name(),
                runtime.command(code, configuration.handler(), configuration.memorySizeMb()),
                variables.values(), LambdaRuntime.taskRoot(code), variables.credentialsExpiration(), host.logSink(),
                runtime.marksEndOfOutput());
    }

    /** X-Ray's trace header: {@code Root=1-<epoch seconds hex>-<24 hex>;Parent=<16 hex>;Sampled=0}. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(root)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private String name() {
        return configuration.functionName();
    }

    /** The process ids of this function's live environments (busy and idle). */
    public synchronized List<Long> processIds() {
        return all.stream().filter(ExecutionEnvironment::usable).map(ExecutionEnvironment::pid).toList();
    }

    /** Kills every environment's process. */
    @Override
    public void close() {
        List<ExecutionEnvironment> environments;
        synchronized (this) {
            closed = true;
            environments = new ArrayList<>(all);
            all.clear();
            idle.clear();
            live = 0;
        }
        environments.forEach(ExecutionEnvironment::close);
    }

    @Override
    public String toString() {
        return "ProcessFunction[" + name() + ", " + code.runtime() + " " + configuration.handler() + "]";
    }
}
