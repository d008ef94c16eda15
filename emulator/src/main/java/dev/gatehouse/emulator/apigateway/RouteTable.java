package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routes of one HTTP API stage, and the choice API Gateway makes among them (http-api-develop-routes): a full
 * match of the path (literals and {@code {param}}s) beats a greedy {@code {proxy+}} match; among those, segment by
 * segment from the left, a literal beats a {@code {param}}, which beats a {@code {proxy+}} (so the longer, more
 * specific template wins); then the exact method beats {@code ANY}; {@code $default} comes last.
 *
 * <p>Paths are matched after percent-decoding, as API Gateway decodes the path before routing: {@code %2F} in a request
 * path is a {@code /} and separates segments, so {@code /notes/a%2Fb} does not match {@code /notes/{id}}. A trailing
 * slash is significant: {@code /notes/} does not match {@code /notes}. A {@code {proxy+}} needs at least one character:
 * {@code /{proxy+}} does not match {@code /}. Literals and methods are case-sensitive.
 */
public final class RouteTable {

    private final String stage;
    private final List<Entry> entries;
    private final GatehouseConfig.Route defaultRoute;

    private record Entry(RouteKey key, GatehouseConfig.Route route) {
    }

    private RouteTable(String stage, List<Entry> entries, GatehouseConfig.Route defaultRoute) {
        this.stage = stage;
        this.entries = entries;
        this.defaultRoute = defaultRoute;
    }

    /** Validates every route key (see {@link RouteKey#parse}) and refuses duplicates. */
    public static RouteTable of(GatehouseConfig.Api api, List<GatehouseConfig.Route> routes) {
        List<Entry> entries = new ArrayList<>();
        GatehouseConfig.Route defaultRoute = null;
        Set<String> seen = new HashSet<>();
        for (GatehouseConfig.Route route : routes) {
            RouteKey key = RouteKey.parse(route.routeKey());
            if (!seen.add(key.toString())) {
                throw new IllegalArgumentException("duplicate route key \"" + route.routeKey() + "\"");
            }
            if (key.isDefault()) {
                defaultRoute = route;
            } else {
                entries.add(new Entry(key, route));
            }
        }
        return new RouteTable(api.stage(), List.copyOf(entries), defaultRoute);
    }

    /** Matches a request as it came off the wire: its path is percent-decoded first. */
    public Optional<RouteMatch> match(IncomingRequest request) {
        return match(request.method(), PercentDecoding.path(request.rawPath()));
    }

    /**
     * @param method      the request's method, as sent
     * @param decodedPath the full request path, percent-decoded, including the stage prefix for a named stage
     */
    public Optional<RouteMatch> match(String method, String decodedPath) {
        if (decodedPath == null || !decodedPath.startsWith("/")) {
            return Optional.empty(); // "*" or an absolute URI: no route has such a path
        }
        Optional<String> routePath = withoutStage(decodedPath);
        if (routePath.isEmpty()) {
            return Optional.empty();
        }
        String[] request = routePath.get().substring(1).split("/", -1);
        Entry best = null;
        Map<String, String> bestParameters = null;
        for (Entry entry : entries) {
            if (!entry.key().anyMethod() && !entry.key().method().equals(method)) {
                continue;
            }
            Map<String, String> parameters = bind(entry.key().segments(), request);
            if (parameters != null && (best == null || SPECIFICITY.compare(entry.key(), best.key()) < 0)) {
                best = entry;
                bestParameters = parameters;
            }
        }
        if (best != null) {
            return Optional.of(new RouteMatch(best.route(), best.key(), bestParameters));
        }
        if (defaultRoute != null) {
            return Optional.of(new RouteMatch(defaultRoute, RouteKey.parse(RouteKey.DEFAULT), Map.of()));
        }
        return Optional.empty();
    }

    /** The request's path as routed: percent-decoded, without the stage prefix (what IAM's resource ARN names). */
    public Optional<String> routePath(IncomingRequest request) {
        return withoutStage(PercentDecoding.path(request.rawPath()));
    }

    /** For a named stage the path must be {@code /<stage>} or start with {@code /<stage>/}; the rest is routed. */
    private Optional<String> withoutStage(String path) {
        if ("$default".equals(stage)) {
            return Optional.of(path);
        }
        String prefix = "/" + stage;
        if (path.equals(prefix)) {
            return Optional.of("/");
        }
        if (path.startsWith(prefix + "/")) {
            return Optional.of(path.substring(prefix.length()));
        }
        return Optional.empty();
    }

    /** The path parameters if the template matches the request's segments, else null. */
    private static Map<String, String> bind(List<PathSegment> template, String[] request) {
        boolean greedy = template.get(template.size() - 1).kind() == PathSegment.Kind.GREEDY;
        if (greedy ? request.length < template.size() : request.length != template.size()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            PathSegment segment = template.get(i);
            switch (segment.kind()) {
                case LITERAL -> {
                    if (!segment.text().equals(request[i])) {
                        return null;
                    }
                }
                case VARIABLE -> {
                    if (request[i].isEmpty()) {
                        return null;
                    }
                    parameters.put(segment.text(), request[i]);
                }
                case GREEDY -> {
                    String rest = String.join("/", Arrays.copyOfRange(request, i, request.length));
                    if (rest.isEmpty()) {
                        return null;
                    }
                    parameters.put(segment.text(), rest);
                }
            }
        }
        return parameters;
    }

    /** Most specific first. */
    private static final Comparator<RouteKey> SPECIFICITY = Comparator
            .comparing(RouteKey::greedy)
            .thenComparing(RouteTable::compareSegments)
            .thenComparing(RouteKey::anyMethod);

    /**
     * Segment by segment from the left. Two routes that match the same request never differ in length alone: without
     * a greedy variable both have the request's number of segments, and a shorter greedy template has its
     * {@code {proxy+}} where the longer one has a literal or a variable.
     */
    private static int compareSegments(RouteKey a, RouteKey b) {
        int n = Math.min(a.segments().size(), b.segments().size());
        for (int i = 0; i < n; i++) {
            int c = a.segments().get(i).kind().compareTo(b.segments().get(i).kind());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The configured routes, for the console and the log. */
    public List<String> routeKeys() {
        List<String> keys = new ArrayList<>();
        entries.forEach(e -> keys.add(e.key().toString()));
        if (defaultRoute != null) {
            keys.add(RouteKey.DEFAULT);
        }
        return keys;
    }
}
