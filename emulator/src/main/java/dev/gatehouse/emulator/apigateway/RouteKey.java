package dev.gatehouse.emulator.apigateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route key of an HTTP API: {@code "METHOD /path/{param}/{proxy+}"} or {@code "$default"}, validated as API Gateway
 * does when the route is created. {@link #parse} refuses a bad key with an {@link IllegalArgumentException} whose
 * message names the key; the configuration loader calls it so a bad route stops the start, not a request.
 *
 * @param method   {@code GET POST PUT PATCH DELETE HEAD OPTIONS ANY}, or null for {@code $default}
 * @param path     the path template, e.g. {@code /notes/{id}}, or null for {@code $default}
 * @param segments the template split on {@code /} ({@code "/"} is one empty literal segment)
 */
public record RouteKey(String method, String path, List<PathSegment> segments) {

    public static final String DEFAULT = "$default";
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%-]+");

    public RouteKey {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public static RouteKey parse(String routeKey) {
        if (routeKey == null || routeKey.isBlank()) {
            throw new IllegalArgumentException("route key is empty: expected \"METHOD /path\" or \"$default\"");
        }
        if (routeKey.equals(DEFAULT)) {
            return new RouteKey(null, null, List.of());
        }
        int space = routeKey.indexOf(' ');
        if (space < 0) {
            throw invalid(routeKey, "expected \"METHOD /path\" (one space between method and path) or \"$default\"");
        }
        String method = routeKey.substring(0, space);
        String path = routeKey.substring(space + 1);
        if (!METHODS.contains(method)) {
            throw invalid(routeKey, "method '" + method + "' is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY"
                    + " (upper case)");
        }
        if (!path.startsWith("/")) {
            throw invalid(routeKey, "the path must start with '/' (e.g. \"" + method + " /" + path.stripLeading() + "\")");
        }
        return new RouteKey(method, path, parseSegments(routeKey, path));
    }

    private static List<PathSegment> parseSegments(String routeKey, String path) {
        if (path.equals("/")) {
            return List.of(PathSegment.literal(""));
        }
        if (path.endsWith("/")) {
            throw invalid(routeKey, "the path must not end with '/'");
        }
        String[] parts = path.substring(1).split("/", -1);
        List<PathSegment> segments = new ArrayList<>(parts.length);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw invalid(routeKey, "the path has an empty segment ('//')");
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                boolean greedy = part.endsWith("+}");
                String name = part.substring(1, part.length() - (greedy ? 2 : 1));
                if (!VARIABLE_NAME.matcher(name).matches()) {
                    throw invalid(routeKey, "path variable '" + part + "' must be {name} or {name+} with a name of"
                            + " letters, digits, '.', '_' or '-'");
                }
                if (greedy && i != parts.length - 1) {
                    throw invalid(routeKey, "the greedy path variable '" + part + "' must be the last segment");
                }
                if (!names.add(name)) {
                    throw invalid(routeKey, "path variable '" + name + "' appears twice");
                }
                segments.add(greedy ? PathSegment.greedy(name) : PathSegment.variable(name));
            } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                throw invalid(routeKey, "segment '" + part + "': a path variable must be a whole segment, like {id}");
            } else if (!LITERAL.matcher(part).matches()) {
                throw invalid(routeKey, "segment '" + part + "' has a character not allowed in a path");
            } else {
                segments.add(PathSegment.literal(part));
            }
        }
        return segments;
    }

    private static IllegalArgumentException invalid(String routeKey, String why) {
        return new IllegalArgumentException("invalid route key \"" + routeKey + "\": " + why);
    }

    public boolean isDefault() {
        return method == null;
    }

    public boolean anyMethod() {
        return "ANY".equals(method);
    }

    public boolean greedy() {
        return !segments.isEmpty() && segments.get(segments.size() - 1).kind() == PathSegment.Kind.GREEDY;
    }

    /** As written in configuration and as the event's {@code routeKey}. */
    @Override
    public String toString() {
        return isDefault() ? DEFAULT : method + " " + path;
    }
}
