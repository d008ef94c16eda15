package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.record.CallLog;
import dev.gatehouse.emulator.record.CallRecord;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Gatehouse's own endpoints under {@code /_gatehouse/}. */
final class AdminEndpoint {
    static final String PREFIX = "/_gatehouse/";
    private static final List<Map.Entry<String, String>> JSON_HEADERS =
            List.of(Map.entry("Content-Type", "application/json"));

    private final GatehouseConfig config;
    private final CallLog log;
    private volatile URI baseUri;
    private volatile URI dynamoDbEndpoint;

    AdminEndpoint(GatehouseConfig config, CallLog log) {
        this.config = config;
        this.log = log;
    }

    void baseUri(URI baseUri) {
        this.baseUri = baseUri;
    }

    void dynamoDbEndpoint(URI endpoint) {
        this.dynamoDbEndpoint = endpoint;
    }

    GatewayServer.Reply handle(IncomingRequest request) {
        String what = request.rawPath().substring(PREFIX.length());
        if (!"GET".equals(request.methodUpper())) {
            return json(405, AwsJsonEndpoint.JSON.createObjectNode().put("message", "Method Not Allowed"));
        }
        return switch (what) {
            case "outputs" -> json(200, Outputs.of(config, baseUri, dynamoDbEndpoint));
            case "health" -> json(200, AwsJsonEndpoint.JSON.createObjectNode().put("status", "ok"));
            case "requests" -> json(200, AwsJsonEndpoint.JSON.valueToTree(
                    log.find(filter(query(request.rawQuery())))));
            default -> json(404, AwsJsonEndpoint.JSON.createObjectNode().put("message", "Not Found"));
        };
    }

    private static Predicate<CallRecord> filter(Map<String, String> q) {
        Predicate<CallRecord> p = r -> true;
        if (q.containsKey("user")) {
            String u = q.get("user");
            p = p.and(r -> u.equalsIgnoreCase(r.user()) || u.equals(r.identityId()));
        }
        if (q.containsKey("status")) {
            String s = q.get("status");
            p = p.and(r -> String.valueOf(r.status()).equals(s));
        }
        if (q.containsKey("route")) {
            String route = q.get("route");
            p = p.and(r -> route.equals(r.operation()));
        }
        if (q.containsKey("requestId")) {
            String id = q.get("requestId");
            p = p.and(r -> id.equals(r.requestId()));
        }
        return p;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    private static GatewayServer.Reply json(int status, Object body) {
        try {
            return new GatewayServer.Reply(status, JSON_HEADERS, AwsJsonEndpoint.JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
