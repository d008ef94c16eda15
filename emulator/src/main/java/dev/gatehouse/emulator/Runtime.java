package dev.gatehouse.emulator;

import dev.gatehouse.emulator.apigateway.RouteTable;
import dev.gatehouse.emulator.awsjson.AwsJsonService;
import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.cognito.identity.IdentityPool;
import dev.gatehouse.emulator.cognito.userpool.KeyPool;
import dev.gatehouse.emulator.cognito.userpool.Outbox;
import dev.gatehouse.emulator.cognito.userpool.UserPool;
import dev.gatehouse.emulator.config.ConfigException;
import dev.gatehouse.emulator.controls.Controls;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.dynamodb.DynamoDbLocal;
import dev.gatehouse.emulator.dynamodb.Tables;
import dev.gatehouse.emulator.iam.CredentialStore;
import dev.gatehouse.emulator.iam.DeveloperKeys;
import dev.gatehouse.emulator.iam.ExecuteApiPolicy;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.record.CallLog;
import dev.gatehouse.emulator.server.GatewayServer;
import dev.gatehouse.emulator.server.Dispatcher;
import dev.gatehouse.emulator.sigv4.SigV4Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** The parts of a running Gatehouse and their life cycle; {@link Gatehouse} is its public face. */
final class Runtime {
    private static final Logger LOG = LoggerFactory.getLogger(Gatehouse.class);

    private final GatehouseConfig config;
    private final ControlledClock clock;
    private final Deque<AutoCloseable> closeables;
    private final Backend backend;
    private final KeyPool keyPool;
    private final GatewayServer server;
    private final UserPool userPool;
    private final IdentityPool identityPool;
    private final CredentialStore credentials;
    private final CallLog callLog;
    private final URI baseUri;
    private final AdminToken adminToken;
    private final GatehouseConfig.Developer developer;
    private volatile boolean closed;

    private Runtime(GatehouseConfig config, ControlledClock clock, Deque<AutoCloseable> closeables, Backend backend,
                    KeyPool keyPool, GatewayServer server, UserPool userPool, IdentityPool identityPool, CredentialStore credentials,
                    CallLog callLog, URI baseUri, AdminToken adminToken, GatehouseConfig.Developer developer) {
        this.config = config;
        this.clock = clock;
        this.closeables = closeables;
        this.backend = backend;
        this.keyPool = keyPool;
        this.server = server;
        this.userPool = userPool;
        this.identityPool = identityPool;
        this.credentials = credentials;
        this.callLog = callLog;
        this.baseUri = baseUri;
        this.adminToken = adminToken;
        this.developer = developer;
    }

    static Runtime start(GatehouseConfig config, String host, int port, Path dataDir, URI dynamoDbEndpoint,
                         ControlledClock clock, KeyPool keyPool) {
        long t0 = System.nanoTime();
        Deque<AutoCloseable> closeables = new ArrayDeque<>();
        Dispatcher dispatcher = null;
        Backend backend = null;
        try {
            // Everything that can refuse the configuration runs before anything starts.
            RouteTable routes = wrapConfig(() -> RouteTable.of(config.api(), config.routes()));
            wrapConfig(() -> ExecuteApiPolicy.parse(config.identityPool().authenticatedRole().policy()));
            if (config.identityPool().unauthenticatedRole() != null) {
                wrapConfig(() -> ExecuteApiPolicy.parse(config.identityPool().unauthenticatedRole().policy()));
            }
            Functions functions = wrapConfig(() -> Functions.load(config));
            List<List<Map<String, AttributeValue>>> seeds = wrapConfig(() -> Tables.readSeeds(config.tables()));
            if (dynamoDbEndpoint != null) {
                wrapConfig(() -> DynamoDbLocal.checkEndpoint(dynamoDbEndpoint));
            }
            GatewayServer.ensurePortFree(host, port);
            Optional<Path> data = Optional.ofNullable(dataDir);
            if (dataDir != null) {
                // Owner-only (0700 / 0600) before anything is written; an older Gatehouse's data dir is tightened.
                dev.gatehouse.emulator.store.OwnerOnly.tree(dataDir);
                closeables.push(DataDirLock.acquire(dataDir));
            }

            CallLog callLog = new CallLog(2_000, data);
            closeables.push(callLog);
            CredentialStore credentials = new CredentialStore(clock, data);
            GatehouseConfig.Developer developer = DeveloperKeys.resolve(config.developer(), data);
            credentials.registerDeveloper(config.accountId(), developer);
            UserPool userPool = new UserPool(config.userPool(), config.region(), config.accountId(), clock,
                    clock.signatureClock(), data, Optional.ofNullable(keyPool));
            IdentityPool identityPool = new IdentityPool(config.identityPool(), config.userPool(), config.region(),
                    config.accountId(), clock, userPool::publicKeys, credentials, data);
            CompletableFuture<Void> users = CompletableFuture.runAsync(() ->
                    config.users().parallelStream().forEach(userPool::createFixtureUser));

            AdminToken adminToken = AdminToken.random();
            SigV4Verifier verifier = SigV4Verifier.executeApi(credentials, clock, clock.signatureClock(), config.region());
            List<AwsJsonService> services = List.of(userPool, identityPool);
            dispatcher = new Dispatcher(config, routes, verifier, functions,
                    services, credentials, clock, callLog, userPool, identityPool, adminToken);
            GatewayServer server = new GatewayServer(host, port, clock, dispatcher).start();
            closeables.push(server);
            URI baseUri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + server.port());
            dispatcher.servedAt(host, baseUri);
            writeTokenFile(adminToken, server.port(), closeables);
            dispatcher.controls(new Controls(clock, userPool, identityPool, credentials));
            dispatcher.developer(developer);
            join(users);
            // DynamoDB Local, the tables and the functions: needed by no first call (a sign-in), so started once the
            // first Cognito call is answered, or a call needs them, or after the ready line when no call came
            // (started in parallel with the rest, or right at the ready line, they made the first sign-in later on
            // two cores); the calls that need them wait for them (Dispatcher, Backend)
            backend = Backend.prepare(config, dataDir, dynamoDbEndpoint, seeds, functions, credentials, clock,
                    dispatcher);
            dispatcher.started(); // requests that came in meanwhile go on, before the ready check's own

            ReadyCheck.awaitFirstCalls(baseUri, config.userPool().id(), adminToken);
            backend.launchWhenIdle();
            Runtime runtime = new Runtime(config, clock, closeables, backend, keyPool, server, userPool,
                    identityPool, credentials, callLog, baseUri, adminToken, developer);
            LOG.info("Gatehouse started in {} ms", (System.nanoTime() - t0) / 1_000_000);
            if (keyPool != null) {
                // After DynamoDB and the functions, so that neither a start nor a first API call waits for it: the
                // keys the next starts will take.
                backend.started().whenComplete((ok, failed) -> {
                    synchronized (keyPool) { // not after close() stopped the pool
                        if (!runtime.closed) {
                            keyPool.refillInBackground();
                        }
                    }
                });
            }
            return runtime;
        } catch (RuntimeException e) {
            if (dispatcher != null) {
                dispatcher.failedToStart(e);
            }
            if (backend != null) {
                backend.close();
            }
            closeAll(closeables);
            throw e;
        }
    }

    /** The token in {@code ~/.gatehouse/run/<port>.token} for the CLI, removed at stop; a warning if impossible. */
    private static void writeTokenFile(AdminToken token, int port, Deque<AutoCloseable> closeables) {
        try {
            token.writeFor(port);
            closeables.push(() -> token.removeFor(port));
        } catch (RuntimeException e) {
            LOG.warn("{}; ./gatehouse commands will need {} set to the admin token", e.getMessage(),
                    AdminToken.ENVIRONMENT);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static <T> T wrapConfig(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    URI baseUri() {
        return baseUri;
    }

    int port() {
        return server.port();
    }

    GatehouseConfig config() {
        return config;
    }

    ControlledClock clock() {
        return clock;
    }

    GatehouseConfig.Developer developer() {
        return developer;
    }

    AdminToken adminToken() {
        return adminToken;
    }

    CallLog callLog() {
        return callLog;
    }

    /** Waits for DynamoDB (whose endpoint they name), the tables and the functions. */
    Outputs outputs() {
        return Outputs.of(config, baseUri, backend.dynamoDbEndpoint());
    }

    /** Waits for DynamoDB (whose endpoint they name), the tables and the functions. */
    java.util.Map<String, String> stackOutputs() {
        return dev.gatehouse.emulator.client.StackOutputs.of(config, baseUri, backend.dynamoDbEndpoint());
    }

    CompletionStage<Void> backendStarted() {
        return backend.started();
    }

    String identityIdOf(String email) {
        UserPool.UserView user = userPool.findUserByEmail(email)
                .orElseThrow(() -> new IllegalArgumentException("no user " + email + " in the user pool"));
        return identityPool.identityFor(user.sub()).identityId();
    }

    List<Outbox.Message> messages(String email) {
        return userPool.messagesTo(email);
    }

    int expireCredentials(String identityId) {
        return credentials.expireAll(identityId);
    }

    void disableUser(String email) {
        if (!userPool.disableUser(email)) {
            throw new IllegalArgumentException("no user " + email + " in the user pool");
        }
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        if (keyPool != null) {
            synchronized (keyPool) {
                closed = true;
                keyPool.stop(); // a key being made is kept, no further one is started
            }
            // ... and written before close() returns: nothing of this run writes into the pool after it (at most one
            // key's generation to wait for)
            try {
                keyPool.refilled().join();
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                // the refill's failure was logged where it happened
            }
        }
        closed = true;
        // DynamoDB, the tables and the functions (waiting for their start to end), then the server and the rest
        backend.close();
        closeAll(closeables);
    }

    /** Closes each, last pushed first; a failure is logged and the rest still close. */
    static void closeAll(Deque<AutoCloseable> closeables) {
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("while stopping {}: {}", c, e.toString());
            }
        }
    }
}
