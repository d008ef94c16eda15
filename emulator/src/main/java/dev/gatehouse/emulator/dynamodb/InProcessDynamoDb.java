package dev.gatehouse.emulator.dynamodb;

import org.eclipse.jetty.server.Handler;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DynamoDB Local servers started in this JVM, by the loopback port they listen on. A request addressed to one of
 * them ({@code http://127.0.0.1:PORT} or {@code http://localhost:PORT}) can be served by that server's own request
 * handler on the calling thread ({@link InProcessHttpService}): the same code and the same database as over the
 * socket, without the second loopback HTTP exchange.
 */
public final class InProcessDynamoDb {
    /** What DynamoDB Local answered. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private static final Map<Integer, Handler> SERVERS = new ConcurrentHashMap<>();

    private InProcessDynamoDb() {
    }

    static void register(int port, Handler handler) {
        SERVERS.put(port, handler);
    }

    static void unregister(int port) {
        SERVERS.remove(port);
    }

    static Handler handlerAt(String host, int port) {
        if (!("127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host))) {
            return null;
        }
        return SERVERS.get(port);
    }

    /** True when requests to {@code endpoint} are served by a DynamoDB Local running in this JVM. */
    public static boolean serves(URI endpoint) {
        return endpoint != null && "http".equals(endpoint.getScheme())
                && handlerAt(endpoint.getHost(), endpoint.getPort()) != null;
    }

    /**
     * Serves one request with the DynamoDB Local listening on {@code host:port} in this JVM.
     *
     * @return its answer, or null when no DynamoDB Local of this JVM listens there
     */
    public static Answer serve(String host, int port, String method, String uri, Map<String, List<String>> headers,
                               byte[] body) throws Exception {
        Handler handler = handlerAt(host, port);
        return handler == null ? null : InProcessExchange.serve(handler, method, uri, headers, body);
    }
}
