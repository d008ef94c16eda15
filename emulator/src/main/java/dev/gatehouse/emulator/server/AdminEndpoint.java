package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.controls.Controls;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.record.CallLog;
import dev.gatehouse.emulator.record.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Gatehouse's own endpoints under {@code /_gatehouse/}: outputs, health, the call record, replay, direct invoke, the
 * user pool's outbox ({@code messages?to=EMAIL}), and the controls (clock, a user's credentials and sign-in, the user pool's signing keys).
 */
final class AdminEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);
    static final String PREFIX = "/_gatehouse/";
    private static final List<Map.Entry<String, String>> JSON_HEADERS =
            List.of(Map.entry("Content-Type", "application/json"));

    private final GatehouseConfig config;
    private final CallLog log;
    private final HandlerInvoke invoke;
    private final Replay replay;
    private volatile URI baseUri;
    private volatile URI dynamoDbEndpoint;
    private volatile Controls controls;

    AdminEndpoint(GatehouseConfig config, CallLog log, Functions functions, GatewayServer.Routing routing) {
        this.config = config;
        this.log = log;
        this.invoke = new HandlerInvoke(config.routes(), functions);
        this.replay = new Replay(log, routing, config.region());
    }

    void baseUri(URI baseUri) {
        this.baseUri = baseUri;
    }

    void dynamoDbEndpoint(URI endpoint) {
        this.dynamoDbEndpoint = endpoint;
    }

    void controls(Controls controls) {
        this.controls = controls;
    }

    GatewayServer.Reply handle(IncomingRequest request) {
        String what = request.rawPath().substring(PREFIX.length());
        Map<String, String> query = query(request.rawQuery());
        try {
            if ("GET".equals(request.methodUpper())) {
                return get(what, query);
            }
            if ("POST".equals(request.methodUpper())) {
                return post(what, query, request.body());
            }
            return message(405, "Method Not Allowed");
        } catch (IllegalArgumentException e) {
            return message(400, e.getMessage());
        }
    }

    private GatewayServer.Reply get(String what, Map<String, String> query) {
        if (what.startsWith("requests/")) {
            String id = decode(what.substring("requests/".length()));
            return log.byRequestId(id).map(r -> json(200, r))
                    .orElseGet(() -> message(404, "no call " + id + " in the record"));
        }
        return switch (what) {
            case "outputs" -> json(200, Outputs.of(config, baseUri, dynamoDbEndpoint));
            case "health" -> json(200, AwsJsonEndpoint.JSON.createObjectNode().put("status", "ok"));
            case "requests" -> json(200, log.find(filter(query)));
            case "clock" -> json(200, controls().clockState());
            case "messages" -> messages(query);
            default -> message(404, "Not Found");
        };
    }

    private GatewayServer.Reply post(String what, Map<String, String> query, byte[] body) {
        if (what.startsWith("replay/")) {
            String id = decode(what.substring("replay/".length()));
            return replay.replay(id, query.getOrDefault("mode", "original"), controls());
        }
        if (what.startsWith("users/")) {
            return user(what.substring("users/".length()));
        }
        return switch (what) {
            case "invoke" -> invoke.invoke(body);
            case "clock" -> clock(body);
            case "keys/rotate" -> {
                controls().rotateSigningKeys();
                LOG.warn("control: the user pool's signing keys were rotated; tokens issued before no longer verify");
                yield json(200, AwsJsonEndpoint.JSON.createObjectNode().put("rotated", true));
            }
            default -> message(404, "Not Found");
        };
    }

    /** {@code messages?to=EMAIL}: what the user pool would have sent to that address, newest first. */
    private GatewayServer.Reply messages(Map<String, String> query) {
        String to = query.get("to");
        if (to == null || to.isBlank()) {
            return message(400, "messages needs the address: /_gatehouse/messages?to=EMAIL");
        }
        return json(200, controls().messagesTo(to.strip()));
    }

    /** {@code users/{email}/expire-credentials | disable | enable}. */
    private GatewayServer.Reply user(String rest) {
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            return message(404, "Not Found");
        }
        String email = decode(rest.substring(0, slash));
        String action = rest.substring(slash + 1);
        ObjectNode out = AwsJsonEndpoint.JSON.createObjectNode().put("user", email);
        switch (action) {
            case "expire-credentials" -> {
                int n = controls().expireCredentials(email);
                LOG.warn("control: {} credential(s) of {} expired now", n, email);
                out.put("identityId", controls().identityIdOf(email)).put("expired", n);
            }
            case "disable" -> {
                controls().disableUser(email);
                LOG.warn("control: user {} disabled", email);
                out.put("enabled", false);
            }
            case "enable" -> {
                controls().enableUser(email);
                LOG.warn("control: user {} enabled", email);
                out.put("enabled", true);
            }
            default -> {
                return message(404, "Not Found");
            }
        }
        return json(200, out);
    }

    /** {@code {"offsetSeconds": N}}, {@code {"frozenAt": "2026-01-01T00:00:00Z"}} or {@code {"reset": true}}. */
    private GatewayServer.Reply clock(byte[] body) {
        JsonNode in;
        try {
            in = AwsJsonEndpoint.JSON.readTree(body);
        } catch (Exception e) {
            in = null;
        }
        if (in == null || !in.isObject()) {
            return message(400, "expected {\"offsetSeconds\": N}, {\"frozenAt\": \"ISO-8601 instant\"} or"
                    + " {\"reset\": true}");
        }
        Controls.ClockState state;
        if (in.path("reset").asBoolean(false)) {
            state = controls().reset();
        } else if (in.path("offsetSeconds").canConvertToLong()) {
            state = controls().offset(in.get("offsetSeconds").asLong());
        } else if (in.path("frozenAt").isTextual()) {
            try {
                state = controls().freeze(Instant.parse(in.get("frozenAt").asText()));
            } catch (DateTimeParseException e) {
                return message(400, "frozenAt must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got "
                        + in.get("frozenAt").asText());
            }
        } else {
            return message(400, "expected {\"offsetSeconds\": N}, {\"frozenAt\": \"ISO-8601 instant\"} or"
                    + " {\"reset\": true}");
        }
        LOG.warn("control: Gatehouse's clock is now {} (offset {} s, frozen at {})", state.now(),
                state.offsetSeconds(), state.frozenAt());
        return json(200, state);
    }

    private Controls controls() {
        Controls c = controls;
        if (c == null) {
            throw new IllegalStateException("the controls are not ready yet");
        }
        return c;
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
        if (q.containsKey("kind")) {
            String kind = q.get("kind");
            p = p.and(r -> kind.equals(r.kind()));
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
            String k = decode(eq < 0 ? part : part.substring(0, eq));
            String v = eq < 0 ? "" : decode(part.substring(eq + 1));
            q.put(k, v);
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static GatewayServer.Reply message(int status, String message) {
        return json(status, AwsJsonEndpoint.JSON.createObjectNode().put("message", message));
    }

    static GatewayServer.Reply json(int status, Object body) {
        return new GatewayServer.Reply(status, JSON_HEADERS, CallLog.json(body));
    }
}
