package dev.gatehouse.emulator;

import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.cognito.userpool.KeyPool;
import dev.gatehouse.emulator.cognito.userpool.Outbox;
import dev.gatehouse.emulator.config.ConfigException;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.record.CallLog;
import dev.gatehouse.emulator.record.CallRecord;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A running Gatehouse: API Gateway with its IAM authorizer, the Cognito user pool and identity pool, the functions in
 * process and DynamoDB Local, on one loopback port. Knows nothing of test frameworks.
 *
 * <pre>{@code
 * try (Gatehouse gatehouse = Gatehouse.builder().port(0).start()) {
 *     URI api = URI.create(gatehouse.outputs().apiEndpoint());
 * }
 * }</pre>
 */
public final class Gatehouse implements AutoCloseable {
    /** The port {@code ./gatehouse start} listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 8421;

    private final Runtime runtime;

    private Gatehouse(Runtime runtime) {
        this.runtime = runtime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT}: every endpoint (API, Cognito, {@code /_gatehouse/*}) is here. */
    public URI baseUri() {
        return runtime.baseUri();
    }

    public int port() {
        return runtime.port();
    }

    /**
     * The admin token every {@code /_gatehouse/*} endpoint but {@code health} requires, in the
     * {@code X-Gatehouse-Token} header: 256 random bits made at this start (also in
     * {@code ~/.gatehouse/run/<port>.token}, owner-only, for the CLI).
     */
    public String adminToken() {
        return runtime.adminToken().value();
    }

    /**
     * The developer's long-term keys (an IAM user's; they sign the user pool's {@code Admin*} operations): the
     * configuration's when it gives them, else random per data directory (or per start in memory).
     */
    public GatehouseConfig.Developer developerCredentials() {
        return runtime.developer();
    }

    /** The console's address with the admin token, as the start-up banner prints it (opening it sets a cookie). */
    public URI consoleUri() {
        return URI.create(baseUri() + "/_gatehouse/console?token=" + adminToken());
    }

    /**
     * The stack outputs a client needs, as {@code GET /_gatehouse/outputs} serves them. They name DynamoDB's endpoint:
     * this starts DynamoDB, the tables and the functions if they are not yet starting, and waits for them
     * ({@link #fullyStarted()}).
     *
     * @throws IllegalStateException when those could not start (the reason in the message)
     */
    public Outputs outputs() {
        return runtime.outputs();
    }

    /**
     * Every output, as {@code GET /_gatehouse/outputs} serves them: the standard ones, then the configuration's own
     * (a template's {@code Outputs} under its names). Waits as {@link #outputs()} does.
     *
     * @throws IllegalStateException when DynamoDB, the tables or the functions could not start
     */
    public java.util.Map<String, String> stackOutputs() {
        return runtime.stackOutputs();
    }

    /**
     * Completes when DynamoDB, the tables and the functions are ready, exceptionally with the reason when they could
     * not start. {@link Builder#start()} returns before them (a sign-in needs none of them); they start once the first
     * Cognito call is answered, or a call needs them, or half a second after {@link Builder#start()} returned when no
     * call came. Every call that needs them starts them if need be and waits for them (the API's routes, the outputs,
     * the table browser, direct invokes), then is answered, or on a failure answered 503 with the reason. Waiting on
     * this does not start them sooner ({@link #outputs()} does).
     */
    public java.util.concurrent.CompletionStage<Void> fullyStarted() {
        return runtime.backendStarted();
    }

    public GatehouseConfig config() {
        return runtime.config();
    }

    /** The clock of every time check: shift or freeze it to reproduce skew and expiry. */
    public ControlledClock clock() {
        return runtime.clock();
    }

    /** The identity pool's identity id of a user of the user pool (stable across sign-ins and restarts). */
    public String identityIdOf(String email) {
        return runtime.identityIdOf(email);
    }

    /** The record of recent calls, oldest first. */
    public List<CallRecord> calls(Predicate<CallRecord> filter) {
        return runtime.callLog().find(filter);
    }

    public CallLog callLog() {
        return runtime.callLog();
    }

    /**
     * What the user pool would have sent to this address (sign-up, resend, forgot-password, attribute verification
     * and admin reset codes), newest first, as {@code GET /_gatehouse/messages?to=EMAIL} serves them.
     */
    public List<Outbox.Message> messages(String email) {
        return runtime.messages(email);
    }

    /** Makes every credential issued to this identity expire now (as if their hour had passed). */
    public int expireCredentials(String identityId) {
        return runtime.expireCredentials(identityId);
    }

    /** Disables a user of the user pool (AdminDisableUser): sign-in is refused from now on. */
    public void disableUser(String email) {
        runtime.disableUser(email);
    }

    /** Stops everything: HTTP server, DynamoDB Local (unless external), background threads. */
    @Override
    public void close() {
        runtime.close();
    }

    public static final class Builder {
        private GatehouseConfig config;
        private Path configFile;
        private int port = 0;
        private String host = "127.0.0.1";
        private Path dataDir;
        private URI dynamoDbEndpoint;
        private ControlledClock clock;
        private KeyPool keyPool;

        private Builder() {
        }

        /** The configuration file (default: the packaged {@code fixtures/gatehouse.json}). */
        public Builder config(Path file) {
            this.configFile = file;
            this.config = null;
            return this;
        }

        public Builder config(GatehouseConfig config) {
            this.config = config;
            this.configFile = null;
            return this;
        }

        /** The port; 0 (the default for the library) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The listening address: 127.0.0.1 unless you really mean otherwise. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Keep state here across restarts; null (the default) keeps everything in memory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Use this DynamoDB instead of starting DynamoDB Local. */
        public Builder dynamoDbEndpoint(URI endpoint) {
            this.dynamoDbEndpoint = endpoint;
            return this;
        }

        /** A clock to share (default: a new one following the system clock). */
        public Builder clock(ControlledClock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Take the user pool's new signing keys from this pool of keys made ahead (each used by this run only), and
         * refill it in the background after the ready line; null (the default) generates them at start.
         */
        public Builder keyPool(KeyPool keyPool) {
            this.keyPool = keyPool;
            return this;
        }

        /**
         * Validates everything, starts every part, and returns once the endpoints a first call needs answer (the user
         * pool, the identity pool, the admin endpoints); DynamoDB, the tables and the functions finish starting after
         * it, and the calls that need them wait for them ({@link Gatehouse#fullyStarted()}).
         *
         * @throws ConfigException       when the configuration is not usable (nothing is left running)
         * @throws IllegalStateException when a part cannot start, e.g. the port is in use (nothing is left running)
         */
        public Gatehouse start() {
            GatehouseConfig cfg = config != null ? config
                    : configFile != null ? ConfigLoader.load(configFile) : ConfigLoader.loadDefault();
            return new Gatehouse(Runtime.start(cfg, host, port, dataDir, dynamoDbEndpoint,
                    clock != null ? clock : new ControlledClock(), keyPool));
        }
    }
}
