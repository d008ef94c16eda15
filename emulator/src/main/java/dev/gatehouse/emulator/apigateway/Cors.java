package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API's CORS configuration at work, as API Gateway applies it: it answers every preflight itself (no route,
 * authorizer or function is involved), adds the configured headers to every answer of a request that has an
 * {@code Origin}, and drops the CORS headers the function returned. A request without {@code Origin} gets none.
 */
public final class Cors {
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

    private final GatehouseConfig.Cors config;

    private Cors(GatehouseConfig.Cors config) {
        this.config = config;
    }

    /** The API's CORS, or empty when the configuration has none. */
    public static Optional<Cors> of(GatehouseConfig.Api api) {
        return api.cors() == null ? Optional.empty() : Optional.of(new Cors(api.cors()));
    }

    /** A preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(IncomingRequest request) {
        return "OPTIONS".equals(request.methodUpper()) && request.hasHeader("Origin")
                && request.hasHeader("Access-Control-Request-Method");
    }

    /**
     * API Gateway's answer to a preflight: 204 with the allowed origin, methods and headers, the max age and
     * credentials setting; with no CORS headers at all when the origin is not allowed (the browser then refuses).
     */
    public GatewayResponse preflight(IncomingRequest request) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String origin = allowedOrigin(request.header("Origin"));
        if (origin != null) {
            headers.add(Map.entry(ALLOW_ORIGIN, origin));
            if (config.allowCredentials()) {
                headers.add(Map.entry("Access-Control-Allow-Credentials", "true"));
            }
            String methods = list(config.allowMethods(), request.header("Access-Control-Request-Method"));
            if (methods != null) {
                headers.add(Map.entry("Access-Control-Allow-Methods", methods));
            }
            String allowHeaders = list(config.allowHeaders(), request.header("Access-Control-Request-Headers"));
            if (allowHeaders != null) {
                headers.add(Map.entry("Access-Control-Allow-Headers", allowHeaders));
            }
            if (config.maxAge() != null) {
                headers.add(Map.entry("Access-Control-Max-Age", String.valueOf(config.maxAge())));
            }
        }
        return new GatewayResponse(204, headers, new byte[0]);
    }

    /**
     * The answer as the client gets it: the function's (or the gateway's own) answer without the CORS headers the
     * function set (API Gateway ignores them once the API has CORS), plus the configured ones when the request has an
     * allowed {@code Origin}.
     */
    public GatewayResponse apply(IncomingRequest request, GatewayResponse response) {
        String requestOrigin = request.header("Origin");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : response.headers()) {
            if (!h.getKey().toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                headers.add(h);
            }
        }
        String origin = allowedOrigin(requestOrigin);
        if (origin != null) {
            headers.add(Map.entry(ALLOW_ORIGIN, origin));
            if (config.allowCredentials()) {
                headers.add(Map.entry("Access-Control-Allow-Credentials", "true"));
            }
            if (!config.exposeHeaders().isEmpty()) {
                headers.add(Map.entry("Access-Control-Expose-Headers", String.join(",", config.exposeHeaders())));
            }
        }
        return new GatewayResponse(response.status(), headers, response.body());
    }

    /** {@code *} for an API open to every origin (without credentials); the request's origin when it is allowed. */
    String allowedOrigin(String origin) {
        if (origin == null) {
            return null;
        }
        for (String allowed : config.allowOrigins()) {
            if (allowed.equals("*")) {
                return "*";
            }
            if (allowed.endsWith("://*") ? origin.startsWith(allowed.substring(0, allowed.length() - 1))
                    : allowed.equalsIgnoreCase(origin)) {
                return origin;
            }
        }
        return null;
    }

    /**
     * The configured list as a header value; {@code *} answers with what the browser asked for (a browser does not
     * take {@code *} for {@code Authorization}, which every signed request carries), or {@code *} when it asked none.
     */
    private static String list(List<String> configured, String requested) {
        if (configured.isEmpty()) {
            return null;
        }
        if (configured.contains("*")) {
            return requested == null || requested.isBlank() ? "*" : requested;
        }
        return String.join(",", configured);
    }
}
