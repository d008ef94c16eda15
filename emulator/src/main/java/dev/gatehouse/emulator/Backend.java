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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * DynamoDB (DynamoDB Local in this JVM, or the one at {@code --dynamodb-endpoint}), the configured tables and the
 * functions: the parts a first call (a sign-in, the JWKS, the console) does not need. They start on their own thread
 * once the rest answers, so the ready line does not wait for them; the calls that need them (the API's routes, the
 * outputs that name {@code DynamoDbEndpoint}, the table browser, direct invokes) wait for them in the
 * {@link Dispatcher}, as do {@link Gatehouse#outputs()} and the other Java accessors. A failure is logged as an error
 * and answered to each of those calls (503 with the reason) instead of a hang.
 */
final class Backend {
    private static final Logger LOG = LoggerFactory.getLogger(Gatehouse.class);

    private final CompletableFuture<DynamoDbLocal> ready = new CompletableFuture<>();
    /** Only the starting thread adds to this, and {@link #close()} reads it after {@link #ready} completed. */
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private volatile boolean closing;

    /**
     * @param seeds the tables' seed items, read (and checked) before anything started
     */
    static Backend start(GatehouseConfig config, Path dataDir, URI dynamoDbEndpoint, List<List<Map<String,
            AttributeValue>>> seeds, Functions functions, CredentialStore credentials, Clock clock,
                         Dispatcher dispatcher) {
        Backend backend = new Backend();
        Thread thread = new Thread(() -> backend.run(config, dataDir, dynamoDbEndpoint, seeds, functions, credentials,
                clock, dispatcher), "gatehouse-backend-start");
        thread.setDaemon(true);
        thread.start();
        return backend;
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
            dispatcher.backendStarted();
            ready.complete(db);
        } catch (Throwable e) {
            if (!closing) {
                LOG.error("Gatehouse could not start DynamoDB, the tables or the functions after its ready line: {}."
                        + " The API's routes, the outputs and the table browser answer 503 with this reason.",
                        e.getMessage(), e);
            }
            dispatcher.backendFailedToStart(e);
            ready.completeExceptionally(e);
        }
    }

    /** Completes when DynamoDB, the tables and the functions are ready; exceptionally when they could not start. */
    CompletionStage<Void> started() {
        return ready.thenApply(db -> (Void) null).minimalCompletionStage();
    }

    /**
     * DynamoDB's endpoint, once it and the rest are ready (waits for them).
     *
     * @throws IllegalStateException when they could not start
     */
    URI dynamoDbEndpoint() {
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
        ready.handle((db, e) -> null).join();
        Runtime.closeAll(closeables);
    }
}
