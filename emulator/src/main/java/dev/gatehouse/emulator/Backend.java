package dev.gatehouse.emulator;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.dynamodb.ClientWarmUp;
import dev.gatehouse.emulator.dynamodb.DynamoDbLocal;
import dev.gatehouse.emulator.dynamodb.TableBrowser;
import dev.gatehouse.emulator.dynamodb.Tables;
import dev.gatehouse.emulator.iam.CredentialStore;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.lambda.runtime.ExecutionRole;
import dev.gatehouse.emulator.lambda.runtime.FunctionHost;
import dev.gatehouse.emulator.server.Dispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * DynamoDB (DynamoDB Local in this JVM, or the one at {@code --dynamodb-endpoint}), the configured tables and the
 * functions: the parts a first call (a sign-in, the JWKS, the console) does not need. They start on their own thread
 * after the ready line, once the first Cognito call is answered (so that they do not share the two cores with a first
 * sign-in), or as soon as a call needs them, or {@link #IDLE_START} after the ready line when no call came, whichever is
 * first ({@link #launch()}). The calls that need them (the API's routes, the outputs that name
 * {@code DynamoDbEndpoint}, the table browser, direct invokes) start them if need be and wait for them in the
 * {@link Dispatcher}, as do {@link Gatehouse#outputs()} and the other Java accessors. A failure is logged as an error
 * and answered to each of those calls (503 with the reason) instead of a hang.
 */
final class Backend {
    private static final Logger LOG = LoggerFactory.getLogger(Gatehouse.class);
    /** When no call started them earlier: this long after the ready line. */
    static final Duration IDLE_START = Duration.ofMillis(500);

    private final CompletableFuture<DynamoDbLocal> ready = new CompletableFuture<>();
    /** Only the starting thread adds to this, and {@link #close()} reads it after {@link #ready} completed. */
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final Dispatcher dispatcher;
    private final Thread thread;
    /** Guarded by {@code this}: the thread was started, or will never be (closed first). */
    private boolean launched;
    private volatile boolean closing;

    private Backend(Dispatcher dispatcher, Function<Backend, Runnable> task) {
        this.dispatcher = dispatcher;
        thread = new Thread(task.apply(this), "gatehouse-backend-start");
        thread.setDaemon(true);
    }

    /**
     * Ready to start, not started: {@link #launch()} starts it (the {@link Dispatcher} calls it as described above;
     * {@link #launchWhenIdle()} after the ready line).
     *
     * @param seeds the tables' seed items, read (and checked) before anything started
     */
    static Backend prepare(GatehouseConfig config, Path dataDir, URI dynamoDbEndpoint, List<List<Map<String,
            AttributeValue>>> seeds, Functions functions, CredentialStore credentials, Clock clock,
                           Dispatcher dispatcher) {
        Backend backend = new Backend(dispatcher, b -> () -> b.run(config, dataDir, dynamoDbEndpoint, seeds, functions,
                credentials, clock, dispatcher));
        dispatcher.onBackendWanted(backend::launch);
        return backend;
    }

    /** Starts DynamoDB, the tables and the functions unless they were started (or Gatehouse stopped) already. */
    void launch() {
        synchronized (this) {
            if (launched) {
                return;
            }
            launched = true;
        }
        thread.start();
    }

    /** After the ready line: {@link #launch()} in {@link #IDLE_START} unless a call did first. */
    void launchWhenIdle() {
        CompletableFuture.runAsync(this::launch, CompletableFuture.delayedExecutor(IDLE_START.toMillis(),
                TimeUnit.MILLISECONDS, task -> {
                    Thread t = new Thread(task, "gatehouse-backend-idle-start");
                    t.setDaemon(true);
                    t.start();
                }));
    }

    private void run(GatehouseConfig config, Path dataDir, URI dynamoDbEndpoint,
                     List<List<Map<String, AttributeValue>>> seeds, Functions functions, CredentialStore credentials,
                     Clock clock, Dispatcher dispatcher) {
        long t0 = System.nanoTime();
        try {
            // the SDK's client classes load while DynamoDB Local starts
            CompletableFuture<Void> sdkWarm = CompletableFuture.runAsync(() -> ClientWarmUp.run(config.region()),
                    task -> {
                        Thread t = new Thread(task, "gatehouse-sdk-warm-up");
                        t.setDaemon(true);
                        t.start();
                    });
            DynamoDbLocal db = dynamoDbEndpoint != null ? DynamoDbLocal.external(dynamoDbEndpoint)
                    : dataDir != null ? DynamoDbLocal.start(dataDir.resolve("dynamodb"))
                    : DynamoDbLocal.startInMemory();
            closeables.push(db);
            sdkWarm.join();
            try (DynamoDbClient client = db.newClient(config.region())) {
                new Tables(client).ensure(config.tables(), seeds);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the tables could not be created in the DynamoDB at " + db.endpoint()
                        + ": " + e.getMessage(), e);
            }
            if (closing) {
                throw new IllegalStateException("Gatehouse is stopping");
            }
            closeables.push(functions);
            functions.start(new FunctionHost(config.region(), db.endpoint(), clock,
                    ExecutionRole.issuer(config.accountId(), credentials)));
            dispatcher.dynamoDbEndpoint(db.endpoint());
            TableBrowser tableBrowser = new TableBrowser(db.newClient(config.region()));
            closeables.push(tableBrowser);
            dispatcher.tables(tableBrowser);
            LOG.info("DynamoDB, the tables and the functions ready in {} ms (they start after the ready line)",
                    (System.nanoTime() - t0) / 1_000_000);
            // ready first: a call let through by the dispatcher may be answered at once, and whoever got that answer
            // may ask fullyStarted() next (EarlyCallsTest)
            ready.complete(db);
            dispatcher.backendStarted();
        } catch (Throwable e) {
            if (!closing) {
                LOG.error("Gatehouse could not start DynamoDB, the tables or the functions after its ready line: {}."
                        + " The API's routes, the outputs and the table browser answer 503 with this reason.",
                        e.getMessage(), e);
            }
            ready.completeExceptionally(e);
            dispatcher.backendFailedToStart(e);
        }
    }

    /** Completes when DynamoDB, the tables and the functions are ready; exceptionally when they could not start. */
    CompletionStage<Void> started() {
        return ready.thenApply(db -> (Void) null).minimalCompletionStage();
    }

    /**
     * DynamoDB's endpoint, once it and the rest are ready (starts them if need be, and waits for them).
     *
     * @throws IllegalStateException when they could not start
     */
    URI dynamoDbEndpoint() {
        launch();
        try {
            return ready.join().endpoint();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("DynamoDB, the tables or the functions could not start: "
                    + cause.getMessage(), cause);
        }
    }

    /** Waits for the start to end (a part being started is not cut off), then stops what it started. */
    void close() {
        closing = true;
        synchronized (this) {
            if (!launched) { // never started: nothing to stop, and the calls waiting for it are answered
                launched = true;
                IllegalStateException stopping = new IllegalStateException("Gatehouse is stopping");
                dispatcher.backendFailedToStart(stopping);
                ready.completeExceptionally(stopping);
            }
        }
        ready.handle((db, e) -> null).join();
        Runtime.closeAll(closeables);
    }
}
