package dev.gatehouse.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A folder served over HTTP on {@code 127.0.0.1} at a free port: a page on an origin of its own, so that a browser's
 * calls to Gatehouse (another port, so another origin) are real cross-origin calls, with CORS.
 *
 * <pre>{@code
 * try (StaticSite site = StaticSite.serve(Path.of("target/site"))) {
 *     driver.get(site.url("index.html"));
 * }
 * }</pre>
 *
 * GET and HEAD only; {@code /} serves {@code index.html}; a path outside the folder or a missing file is 404 (a missing
 * {@code favicon.ico} is 204, to keep the browser's console clean). Files are
 * read at each request, so a test may write one (e.g. {@code config.json}) after the site started.
 */
public final class StaticSite implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor;

    private StaticSite(Path root, HttpServer server, ExecutorService executor) {
        this.root = root;
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code folder} on 127.0.0.1 at a free port until {@link #close()}. */
    public static StaticSite serve(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a folder");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "static-site");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            StaticSite site = new StaticSite(root, server, executor);
            server.createContext("/", site::answer);
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve " + root, e);
        }
    }

    /** The site's origin, e.g. {@code http://127.0.0.1:40123} (no trailing slash). */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The address of a file of the site, e.g. {@code url("index.html")}. */
    public String url(String path) {
        return origin() + "/" + (path.startsWith("/") ? path.substring(1) : path);
    }

    public Path root() {
        return root;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8),
                        method);
                return;
            }
            Path file = fileOf(exchange.getRequestURI());
            if (file == null && exchange.getRequestURI().getPath().equals("/favicon.ico")) {
                send(exchange, 204, "image/x-icon", new byte[0], method); // no icon, and no 404 in the console
                return;
            }
            if (file == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8), method);
                return;
            }
            send(exchange, 200, typeOf(file), Files.readAllBytes(file), method);
        }
    }

    private Path fileOf(URI uri) {
        String path = URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.endsWith("/")) {
            path += "index.html";
        }
        Path file = root.resolve(path.substring(1)).normalize();
        return file.startsWith(root) && Files.isRegularFile(file) ? file : null;
    }

    private static String typeOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, String method)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
