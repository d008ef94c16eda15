package dev.gatehouse.emulator.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;

/**
 * Turns the request Jetty received (through Javalin) into an {@link IncomingRequest} exactly as it came off the wire:
 * the path still percent-encoded and not normalized, the raw query, every header line in arrival order.
 *
 * <p>Jetty 12 refuses ({@code 400}) or would normalize paths that SigV4 clients legitimately sign ({@code %2F},
 * {@code //}, encoded dot segments): call {@link #acceptRawPaths(JavalinConfig)} when configuring the server.
 */
public final class JettyRequests {

    private JettyRequests() {
    }

    /**
     * Lets every path through to the handlers unchanged: URI compliance {@code UNSAFE} (the verifier and the router
     * do their own checks on the raw path) and ambiguous URIs ({@code %2F}, {@code %2E%2E}, {@code //}) not refused
     * by the servlet layer.
     */
    public static void acceptRawPaths(JavalinConfig cfg) {
        cfg.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.UNSAFE));
        cfg.jetty.modifyServletContextHandler(handler -> handler.getServletHandler().setDecodeAmbiguousURIs(true));
    }

    /**
     * Keeps every header value exactly as sent. Jetty's parser looks header lines up in a cache of well-known fields
     * ({@code Content-Type: application/json;charset=utf-8}, {@code Accept-Encoding: gzip, deflate},
     * {@code Connection: keep-alive}, {@code Cache-Control: no-cache}, {@code Host: localhost}, ... and the lines
     * earlier requests on the connection sent) without regard to case, and hands back the cached field: a client that
     * signed {@code application/json; charset=UTF-8} would have its value lower-cased before the verifier sees it. With
     * a case-sensitive cache, the parser takes the value from the bytes received whenever the case differs.
     */
    public static void keepHeaderValuesAsSent(JavalinConfig cfg) {
        cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
    }

    /** The same from Jetty's core request, with its body as read (see {@code GatewayServer}). */
    public static IncomingRequest incomingRequest(org.eclipse.jetty.server.Request request, byte[] body,
                                                  Instant receivedAt, Instant signatureTime) {
        String rawPath = request.getHttpURI().getPath();
        List<Map.Entry<String, String>> headers = new ArrayList<>(request.getHeaders().size());
        for (HttpField field : request.getHeaders()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(field.getName(), field.getValue()));
        }
        return new IncomingRequest(request.getMethod(), rawPath == null || rawPath.isEmpty() ? "/" : rawPath,
                request.getHttpURI().getQuery(), headers, body,
                org.eclipse.jetty.server.Request.getRemoteAddr(request),
                request.getConnectionMetaData().getProtocol(), receivedAt, signatureTime);
    }

    /** The request as received; {@code receivedAt} is Gatehouse's clock reading when it arrived. */
    public static IncomingRequest incomingRequest(Context ctx, Instant receivedAt) {
        return incomingRequest(ctx, receivedAt, receivedAt);
    }

    /** The same, with the signature clock's reading when it arrived. */
    public static IncomingRequest incomingRequest(Context ctx, Instant receivedAt, Instant signatureTime) {
        HttpServletRequest req = ctx.req();
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(req);
        String rawPath;
        String rawQuery;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (jetty != null) {
            HttpURI uri = jetty.getHttpURI();
            rawPath = uri.getPath();
            rawQuery = uri.getQuery();
            for (HttpField field : jetty.getHeaders()) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(field.getName(), field.getValue()));
            }
        } else {
            rawPath = req.getRequestURI();
            rawQuery = req.getQueryString();
            Enumeration<String> names = req.getHeaderNames();
            while (names.hasMoreElements()) {
                String name = names.nextElement();
                Enumeration<String> values = req.getHeaders(name);
                while (values.hasMoreElements()) {
                    headers.add(new AbstractMap.SimpleImmutableEntry<>(name, values.nextElement()));
                }
            }
        }
        return new IncomingRequest(req.getMethod(), rawPath == null || rawPath.isEmpty() ? "/" : rawPath, rawQuery,
                headers, ctx.bodyAsBytes(), req.getRemoteAddr(), req.getProtocol(), receivedAt, signatureTime);
    }
}
