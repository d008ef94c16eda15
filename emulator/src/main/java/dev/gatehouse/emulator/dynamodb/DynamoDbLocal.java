package dev.gatehouse.emulator.dynamodb;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.gatehouse.emulator.store.OwnerOnly;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The DynamoDB that handlers and Gatehouse talk to: either DynamoDB Local started in this JVM (server mode, listening on
 * 127.0.0.1 only, on a port the OS picks; in memory, or on files under a data directory; one shared database whatever
 * the caller's credentials or region; telemetry off), or an existing DynamoDB at a given endpoint, of which nothing is
 * started or stopped.
 *
 * <pre>{@code
 * try (DynamoDbLocal db = DynamoDbLocal.start(dataDirOrNull)) { URI endpoint = db.endpoint(); ... }
 * }</pre>
 */
public final class DynamoDbLocal implements AutoCloseable {
    /** DynamoDB Local's database file with {@code -sharedDb}. */
    static final String DATABASE_FILE = "shared-local-instance.db";

    /** The local keys every client of DynamoDB Local may use: with {@code -sharedDb} they select nothing. */
    public static final String LOCAL_ACCESS_KEY_ID = "gatehouselocal";
    public static final String LOCAL_SECRET_ACCESS_KEY = "gatehouselocal";

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocal.class);

    private final URI endpoint;
    private final LocalServer server;

    private DynamoDbLocal(URI endpoint, LocalServer server) {
        this.endpoint = endpoint;
        this.server = server;
    }

    /** Starts DynamoDB Local in memory. */
    public static DynamoDbLocal startInMemory() {
        return start(null);
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param dataDir directory of the database file ({@code shared-local-instance.db}), created if missing; null for
     *                an in-memory database
     */
    public static DynamoDbLocal start(Path dataDir) {
        long started = System.nanoTime();
        try {
            if (dataDir != null) {
                // SQLite creates its file with the umask's mode (0644 by default) and keeps an existing file's mode
                // (its journals take the database's): made owner-only first, so every user's data stays the user's.
                OwnerOnly.file(dataDir.resolve(DATABASE_FILE));
            }
            LocalServer server = LocalServer.start(dataDir);
            URI endpoint = URI.create("http://" + LocalServer.HOST + ":" + server.port());
            LOG.info("DynamoDB Local ready at {} ({}) in {} ms", endpoint,
                    dataDir == null ? "in memory" : "data in " + dataDir, (System.nanoTime() - started) / 1_000_000);
            return new DynamoDbLocal(endpoint, server);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local could not start"
                    + (dataDir == null ? "" : " with data directory " + dataDir) + ": " + e, e);
        }
    }

    /**
     * Uses an existing DynamoDB (e.g. a DynamoDB Local started elsewhere, {@code --dynamodb-endpoint URL}); nothing is
     * started, and {@link #close()} does nothing.
     */
    public static DynamoDbLocal external(URI endpoint) {
        checkEndpoint(endpoint);
        LOG.info("Using the DynamoDB at {}", endpoint);
        return new DynamoDbLocal(endpoint, null);
    }

    /**
     * Refuses an endpoint that is not an http(s) URL, before anything starts.
     *
     * @return the endpoint
     */
    public static URI checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("--dynamodb-endpoint: expected an http(s) URL such as "
                    + "http://127.0.0.1:8000, got '" + endpoint + "'");
        }
        return endpoint;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** True when this DynamoDB was not started here. */
    public boolean isExternal() {
        return server == null;
    }

    /**
     * A new SDK client of this DynamoDB (Apache HTTP client, the local keys); the caller closes it.
     */
    public DynamoDbClient newClient(String region) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** Stops DynamoDB Local (Jetty, then every database with {@code shutdownNow()}), so that the JVM can exit. */
    @Override
    public void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
            LOG.info("DynamoDB Local at {} stopped", endpoint);
        } catch (Exception e) {
            LOG.warn("DynamoDB Local at {} did not stop cleanly: {}", endpoint, e.toString());
        }
    }

    @Override
    public String toString() {
        return "DynamoDbLocal[" + endpoint + (isExternal() ? ", external" : "") + "]";
    }
}
