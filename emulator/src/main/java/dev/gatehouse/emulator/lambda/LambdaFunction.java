package dev.gatehouse.emulator.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Lambda function run in process: ONE warm instance of its handler, created at the first invocation or by
 * {@link #warm()}, and invoked concurrently. Lambda runs one event at a time per instance and scales out with more
 * instances; here one instance serves concurrent invocations, so handlers must be thread-safe (stateless handlers with
 * SDK clients in fields, as usual on Lambda, are).
 *
 * <p>Invocations run on daemon threads named {@code lambda-<function>-N} (at most {@link #MAX_CONCURRENCY} at once;
 * beyond, an invocation is THROTTLED), with the context class loader captured at construction, so that the timeout is
 * enforced: past it the caller gets TIMED_OUT at once and the handler's thread is interrupted.
 */
public final class LambdaFunction implements RunningFunction {
    public static final int MAX_CONCURRENCY = 64;

    private static final Logger LOG = LoggerFactory.getLogger(LambdaFunction.class);
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final FunctionConfiguration configuration;
    private final LambdaEnvironment environment;
    private final ClassLoader loader;
    private final ThreadPoolExecutor executor;
    private final String logStreamName;
    private volatile HandlerInstance instance;

    /** @param environment where the function's settings are applied before its class is initialized */
    public LambdaFunction(FunctionConfiguration configuration, LambdaEnvironment environment) {
        this(configuration, environment, Thread.currentThread().getContextClassLoader());
    }

    /** @param loader where the handler class is loaded from (also the invocation threads' context class loader) */
    public LambdaFunction(FunctionConfiguration configuration, LambdaEnvironment environment, ClassLoader loader) {
        this.configuration = configuration;
        this.environment = environment;
        this.loader = loader;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, MAX_CONCURRENCY, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "lambda-" + configuration.functionName() + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        });
        this.logStreamName = LocalDate.now(ZoneOffset.UTC).format(LOG_STREAM_DATE) + "/[" + LambdaContext.VERSION + "]"
                + UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public FunctionConfiguration configuration() {
        return configuration;
    }

    public String name() {
        return configuration.functionName();
    }

    /**
     * Applies the function's environment, then loads, initializes and instantiates the handler class, unless done.
     *
     * @throws FunctionConfigurationException naming the route and the class when it is not a usable handler
     */
    @Override
    public void warm() {
        if (instance == null) {
            synchronized (this) {
                if (instance == null) {
                    long started = System.nanoTime();
                    environment.apply(configuration);
                    instance = HandlerInstance.load(configuration, loader);
                    LOG.info("Function {} ({}) ready in {} ms", name(), configuration.handler(),
                            (System.nanoTime() - started) / 1_000_000);
                }
            }
        }
    }

    /** Invokes with the configured timeout. */
    public Invocation invoke(byte[] event) {
        return invoke(event, configuration.timeout());
    }

    /**
     * Runs the handler on the event JSON.
     *
     * @throws FunctionConfigurationException when the handler class is not usable (see {@link #warm()})
     */
    @Override
    public Invocation invoke(byte[] event, Duration timeout) {
        warm();
        String awsRequestId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        LambdaContext context = new LambdaContext(configuration, awsRequestId, logStreamName,
                started + timeout.toNanos());
        Future<byte[]> future;
        try {
            future = executor.submit(() -> {
                try {
                    return instance.handle(event, context);
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new ExecutionException(t);
                }
            });
        } catch (RejectedExecutionException e) {
            return new Invocation(awsRequestId, Invocation.Outcome.THROTTLED, null, new FunctionError(
                    "Rate Exceeded.", "TooManyRequestsException", null, null), Duration.ZERO);
        }
        try {
            byte[] output = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Invocation(awsRequestId, Invocation.Outcome.SUCCESS, output, null, since(started),
                    context.logLines());
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warn("{} {} Task timed out after {} ms", name(), awsRequestId, timeout.toMillis());
            return new Invocation(awsRequestId, Invocation.Outcome.TIMED_OUT, null, FunctionError.timedOut(timeout),
                    since(started), context.logLines());
        } catch (ExecutionException e) {
            Throwable error = e.getCause() instanceof ExecutionException nested ? nested.getCause() : e.getCause();
            LOG.info("{} {} failed: {}", name(), awsRequestId, error.toString());
            return new Invocation(awsRequestId, Invocation.Outcome.ERROR, null, FunctionError.of(error), since(started),
                    context.logLines());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking " + name(), e);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Stops accepting invocations and interrupts running ones. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "LambdaFunction[" + name() + ", " + configuration.handler() + "]";
    }
}
