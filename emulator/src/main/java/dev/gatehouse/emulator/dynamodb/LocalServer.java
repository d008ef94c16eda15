package dev.gatehouse.emulator.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.AbstractLocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Local 2.6.1 in server mode, bound to 127.0.0.1 only.
 *
 * <p>{@link ServerRunner} has no host option and binds every interface; its {@link DynamoDBProxyServer} keeps the Jetty
 * {@link Server} in a private field. We create the proxy from command-line arguments as DynamoDB Local's own launcher
 * does, then (reflection) set the single connector's host to 127.0.0.1 and its port to 0 before start, so the OS
 * picks a free port with no race. {@code safeStart()} is used because {@code start()} swallows bind failures.
 *
 * <p>Shutdown: {@code DynamoDBProxyServer.stop()} calls {@code shutdown()} on each database, which leaves the
 * non-daemon {@code ShardRolloverJobScheduler} thread running; we stop Jetty and call {@code shutdownNow()} on each
 * database instead.
 */
final class LocalServer {
    /**
     * sqlite4java logs a warning through java.util.logging when its jar has no version in its name (as inside
     * Gatehouse's single launcher jar): harmless, and kept out of Gatehouse's output. Held here so it is not collected.
     */
    private static volatile java.util.logging.Logger sqliteLog;

    private static java.util.logging.Logger quietSqlite() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");
        log.setLevel(java.util.logging.Level.SEVERE);
        sqliteLog = log;
        return log;
    }

    static final String HOST = "127.0.0.1";

    private final DynamoDBProxyServer proxy;
    private final Server jetty;
    private final ServerConnector connector;
    private final DynamoDBRequestHandler requestHandler;
    private final AbstractLocalDynamoDBServerHandler serverHandler;
    private volatile int registeredPort = -1;

    private LocalServer(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        this.proxy = proxy;
        this.jetty = (Server) field(DynamoDBProxyServer.class, "server").get(proxy);
        AbstractLocalDynamoDBServerHandler serverHandler =
                (AbstractLocalDynamoDBServerHandler) field(DynamoDBProxyServer.class, "serverHandler").get(proxy);
        this.serverHandler = serverHandler;
        this.requestHandler =
                (DynamoDBRequestHandler) field(AbstractLocalDynamoDBServerHandler.class, "primaryHandler").get(serverHandler);
        Connector[] connectors = jetty.getConnectors();
        if (connectors.length != 1 || !(connectors[0] instanceof ServerConnector c)) {
            throw new IllegalStateException("DynamoDB Local: expected one Jetty ServerConnector, found " + connectors.length);
        }
        this.connector = c;
        connector.setHost(HOST);
        connector.setPort(0);
        jetty.setHandler(new LoopbackHostOnly(jetty.getHandler()));
    }

    /** @param dataDir null for an in-memory database */
    static LocalServer start(Path dataDir) throws Exception {
        SqliteLibrary.useCopyIn(SqliteLibrary.defaultDirectory()); // not a new copy in the temporary directory per start
        // the launcher refuses -port 0 and prints this port in its banner; the connector's port is replaced by 0 below
        // -cors: DynamoDB Local allows every web origin by default ("*"); only an origin that cannot exist is allowed,
        // so no page the developer visits can read or write the tables from the browser.
        List<String> args = new ArrayList<>(List.of("-port", "8000", "-sharedDb", "-disableTelemetry",
                "-cors", "http://gatehouse.invalid"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString()));
        }
        LocalServer server = new LocalServer(quietly(() ->
                ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new))));
        quietSqlite(); // after DynamoDB Local has set up its logging, which resets java.util.logging's levels
        try {
            server.proxy.safeStart();
            server.registeredPort = server.port();
            InProcessDynamoDb.register(server.registeredPort, server.serverHandler);
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return server;
    }

    int port() {
        return connector.getLocalPort();
    }

    String host() {
        return connector.getHost();
    }

    void stop() throws Exception {
        InProcessDynamoDb.unregister(registeredPort);
        Exception failure = null;
        try {
            jetty.stop();
        } catch (Exception e) {
            failure = e;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, AmazonDynamoDBLocal> databases = (Map<String, AmazonDynamoDBLocal>)
                    field(requestHandler.getClass(), "dbRequestHandlers").get(requestHandler);
            synchronized (requestHandler) {
                for (AmazonDynamoDBLocal database : databases.values()) {
                    database.shutdownNow();
                }
                databases.clear();
            }
        } catch (Exception e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /**
     * DynamoDB Local prints its settings banner to standard output (with a port it does not use): keep Gatehouse's
     * standard output to its own lines. Only this thread's output is dropped: DynamoDB Local starts after the ready
     * line, while other threads print (the start-up banner, a CLI command's answer).
     */
    private static <T> T quietly(ThrowingSupplier<T> step) throws Exception {
        synchronized (System.class) {
            java.io.PrintStream out = System.out;
            Thread quiet = Thread.currentThread();
            java.io.PrintStream others = new java.io.PrintStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    if (Thread.currentThread() != quiet) {
                        out.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (Thread.currentThread() != quiet) {
                        out.write(b, off, len);
                    }
                }

                @Override
                public void flush() {
                    out.flush();
                }
            }, true);
            System.setOut(others);
            try {
                return step.get();
            } finally {
                if (System.out == others) { // else someone set their own meanwhile (a test capturing output): kept
                    System.setOut(out);
                }
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
