package dev.gatehouse.emulator.server;

import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.http.IncomingRequest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one door in front of everything that is not AWS ({@code /_gatehouse/*}): the local user's tools pass, other web
 * origins, DNS-rebinding pages and callers without the admin token do not. In order:
 * <ol>
 *   <li>{@code Host} must name this Gatehouse by its loopback address ({@code 127.0.0.1}, {@code localhost},
 *       {@code [::1]}) or the address it is bound to, with its port: a rebinding page's Host is its own name (403);</li>
 *   <li>an {@code Origin}, when sent, must be this Gatehouse's own: no other page may drive it (403);</li>
 *   <li>the admin token, in {@code X-Gatehouse-Token} or in the console's {@code gatehouse_token} cookie, for every
 *       endpoint but {@code GET /_gatehouse/health} (401); a cookie counts only for a same-origin request (a page on
 *       another port of localhost is the same site, so SameSite=Strict alone would let it through);</li>
 *   <li>a state change ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) must be {@code application/json}: a
 *       form or {@code text/plain} post, which needs no preflight, is refused (415).</li>
 * </ol>
 * {@code GET /_gatehouse/console?token=T} trades a right token for the cookie (HttpOnly, SameSite=Strict,
 * Path=/_gatehouse) and redirects to the console without the token in the URL. Refusals say what is missing, never
 * whether the endpoint exists.
 */
final class AdminDoor {
    static final String CONSOLE = "/_gatehouse/console";
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final Set<String> STATE_CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AdminToken token;
    private volatile Set<String> hosts = Set.of();
    private volatile int port = -1;

    AdminDoor(AdminToken token) {
        this.token = token;
    }

    AdminToken token() {
        return token;
    }

    /** The address the server is bound to and its port: the {@code Host} values (and origins) accepted. */
    void servedAt(String boundHost, int port) {
        String bound = boundHost.contains(":") && !boundHost.startsWith("[") ? "[" + boundHost + "]" : boundHost;
        java.util.HashSet<String> accepted = new java.util.HashSet<>();
        for (String name : LOOPBACK_NAMES) {
            accepted.add(name + ":" + port);
        }
        if (!bound.equals("0.0.0.0") && !bound.equals("[::]")) {
            accepted.add(bound.toLowerCase(Locale.ROOT) + ":" + port);
        }
        this.hosts = Set.copyOf(accepted);
        this.port = port;
    }

    /** The answer that stops this {@code /_gatehouse/*} request at the door, or empty to let it in. */
    Optional<GatewayServer.Reply> check(IncomingRequest request) {
        List<String> hostValues = request.headerValues("Host");
        if (hostValues.size() != 1 || !hosts.contains(hostValues.get(0).toLowerCase(Locale.ROOT))) {
            return refuse(403, "Gatehouse's own endpoints answer only requests addressed to " + loopbackHosts()
                    + " (the Host header names another server: a DNS-rebinding page is refused)");
        }
        List<String> origins = request.headerValues("Origin");
        if (origins.size() > 1 || origins.size() == 1 && !hosts.contains(hostOfOrigin(origins.get(0)))) {
            return refuse(403, "a request from another web origin may not use Gatehouse's own endpoints; only the"
                    + " console at http://127.0.0.1:" + port + CONSOLE + " and local tools may");
        }
        String method = request.methodUpper();
        String path = request.rawPath();
        if ("GET".equals(method) && path.equals("/_gatehouse/health")) {
            return Optional.empty();
        }
        String offered = "GET".equals(method) && path.equals(CONSOLE) ? tokenParameter(request.rawQuery()) : null;
        if (offered != null) {
            return Optional.of(exchange(offered));
        }
        Optional<GatewayServer.Reply> unauthenticated = authenticate(request);
        if (unauthenticated.isPresent()) {
            return unauthenticated;
        }
        if (STATE_CHANGES.contains(method) && !isJson(request.header("Content-Type"))) {
            return refuse(415, "a " + method + " to Gatehouse's own endpoints must be sent with Content-Type:"
                    + " application/json");
        }
        return Optional.empty();
    }

    private Optional<GatewayServer.Reply> authenticate(IncomingRequest request) {
        List<String> sent = request.headerValues(AdminToken.HEADER);
        if (!sent.isEmpty()) {
            return sent.size() == 1 && token.matches(sent.get(0)) ? Optional.empty()
                    : refuse(401, "the admin token in " + AdminToken.HEADER + " is not this Gatehouse's (it is made"
                    + " anew at each start: ./gatehouse commands read it from " + AdminToken.fileFor(port) + ")");
        }
        List<String> cookies = cookies(request);
        if (cookies.isEmpty()) {
            return refuse(401, "Gatehouse's own endpoints need its admin token: send " + AdminToken.HEADER
                    + " (./gatehouse commands read it from " + AdminToken.fileFor(port) + ", Java has"
                    + " Gatehouse.adminToken()), or open the console URL the start-up banner printed");
        }
        String fetchSite = request.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return refuse(403, "the console's cookie counts only for requests from the console itself");
        }
        if (cookies.stream().noneMatch(token::matches)) {
            return refuse(401, "the console's cookie holds an old admin token (Gatehouse makes a new one at each"
                    + " start): open the console URL the start-up banner printed");
        }
        return Optional.empty();
    }

    /** The {@code token} query parameter, decoded, or null. */
    private static String tokenParameter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String part : rawQuery.split("&")) {
            if (part.startsWith("token=")) {
                return java.net.URLDecoder.decode(part.substring("token=".length()),
                        java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** {@code GET /_gatehouse/console?token=T}: the cookie for a right token, then the console without it. */
    private GatewayServer.Reply exchange(String given) {
        if (!token.matches(given)) {
            return refuse(401, "this console URL's token is not this Gatehouse's (it is made anew at each start):"
                    + " open the URL the start-up banner printed").orElseThrow();
        }
        return new GatewayServer.Reply(303, List.of(
                Map.entry("Location", CONSOLE),
                Map.entry("Set-Cookie", AdminToken.COOKIE + "=" + token.value()
                        + "; Path=/_gatehouse; HttpOnly; SameSite=Strict"),
                Map.entry("Cache-Control", "no-store"),
                Map.entry("Referrer-Policy", "no-referrer")), new byte[0]);
    }

    private String loopbackHosts() {
        return "127.0.0.1:" + port + " or localhost:" + port;
    }

    private static List<String> cookies(IncomingRequest request) {
        List<String> values = new java.util.ArrayList<>();
        for (String header : request.headerValues("Cookie")) {
            for (String pair : header.split(";")) {
                String p = pair.strip();
                if (p.startsWith(AdminToken.COOKIE + "=")) {
                    values.add(p.substring(AdminToken.COOKIE.length() + 1));
                }
            }
        }
        return values;
    }

    /** {@code http://127.0.0.1:8421} to {@code 127.0.0.1:8421}; anything else (https, null, no port) to "". */
    private static String hostOfOrigin(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        return o.startsWith("http://") && o.indexOf('/', 7) < 0 ? o.substring(7) : "";
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return media.equalsIgnoreCase("application/json");
    }

    private static Optional<GatewayServer.Reply> refuse(int status, String message) {
        return Optional.of(AdminEndpoint.message(status, message));
    }
}
