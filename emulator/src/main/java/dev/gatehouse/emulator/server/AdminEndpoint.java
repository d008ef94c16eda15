package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.client.StackOutputs;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.console.ConsoleAssets;
import dev.gatehouse.emulator.controls.Controls;
import dev.gatehouse.emulator.dynamodb.TableBrowser;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.record.CallLog;
import dev.gatehouse.emulator.record.CallRecord;
import dev.gatehouse.emulator.record.Explanation;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
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
 * Gatehouse's own endpoints under {@code /_gatehouse/}: outputs, health, the call record (also as a live stream) and
 * its explanations, replay, direct invoke, the user pool's outbox ({@code messages?to=EMAIL}), the users with their
 * identities and credentials, the DynamoDB tables and items (read-only), the controls (clock, a user's credentials and
 * sign-in, the user pool's signing keys), and the console page.
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
    private volatile TableBrowser tables;
    private volatile GatehouseConfig.Developer developer;

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

    void developer(GatehouseConfig.Developer developer) {
        this.developer = developer;
    }

    void controls(Controls controls) {
        this.controls = controls;
    }

    void tables(TableBrowser tables) {
        this.tables = tables;
    }

    /**
     * True for the endpoints that need DynamoDB, the tables or the functions: the outputs (they name
     * {@code DynamoDbEndpoint}), the table browser and direct invokes (a replay goes through the API's path).
     */
    static boolean needsBackend(IncomingRequest request) {
        String what = request.rawPath().substring(PREFIX.length());
        return what.equals("outputs") || what.equals("tables") || what.startsWith("tables/")
                || what.equals("invoke");
    }

    GatewayServer.Reply handle(IncomingRequest request) {
        String what = request.rawPath().substring(PREFIX.length());
        Map<String, String> query = query(request.rawQuery());
        try {
            if ("GET".equals(request.methodUpper())) {
                if (what.equals("console") || what.startsWith("console/")) {
                    return ConsoleAssets.find(what).map(AdminEndpoint::asset)
                            .orElseGet(() -> message(404, "Not Found"));
                }
                if (what.equals("requests/stream")) {
                    String lastEventId = request.header("Last-Event-ID");
                    long since = lastEventId != null ? number(lastEventId, "Last-Event-ID")
                            : query.containsKey("since") ? number(query.get("since"), "since") : Long.MAX_VALUE;
                    return CallStream.open(log, since, filter(query));
                }
                return get(what, query);
            }
            if ("POST".equals(request.methodUpper())) {
                return post(what, query, request.body());
            }
            return message(405, "Method Not Allowed");
        } catch (IllegalArgumentException e) {
            return message(400, e.getMessage());
        } catch (java.util.NoSuchElementException e) {
            return message(404, e.getMessage());
        } catch (DynamoDbException e) {
            return message(e.statusCode() / 100 == 4 ? 400 : 502, e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage());
        }
    }

    private GatewayServer.Reply get(String what, Map<String, String> query) {
        if (what.startsWith("requests/") && what.endsWith("/explain")) {
            String id = decode(what.substring("requests/".length(), what.length() - "/explain".length()));
            return log.byRequestId(id).map(r -> json(200, AwsJsonEndpoint.JSON.createObjectNode()
                            .put("requestId", r.requestId()).put("text", Explanation.of(r))))
                    .orElseGet(() -> message(404, "no call " + id + " in the record"));
        }
        if (what.startsWith("tables/") && what.endsWith("/items")) {
            String table = decode(what.substring("tables/".length(), what.length() - "/items".length()));
            int limit = query.containsKey("limit") ? (int) Math.min(number(query.get("limit"), "limit"),
                    TableBrowser.MAX_ITEMS) : TableBrowser.MAX_ITEMS;
            return json(200, tables().items(table, query.get("partitionKey"), limit));
        }
        if (what.startsWith("requests/")) {
            String id = decode(what.substring("requests/".length()));
            return log.byRequestId(id).map(r -> json(200, r))
                    .orElseGet(() -> message(404, "no call " + id + " in the record"));
        }
        return switch (what) {
            case "outputs" -> json(200, StackOutputs.of(config, baseUri, dynamoDbEndpoint));
            case "health" -> json(200, AwsJsonEndpoint.JSON.createObjectNode().put("status", "ok"));
            case "requests" -> json(200, limited(log.find(filter(query)), query));
            case "clock", "client-skew" -> json(200, controls().clockState());
            case "messages" -> messages(query);
            case "users" -> json(200, controls().users());
            case "tables" -> json(200, tables().tables());
            case "credentials/developer" -> developerKeys();
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
            case "client-skew" -> clientSkew(body);
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
            case "credentials" -> {
                Credentials c;
                try {
                    c = controls().freshCredentials(email);
                } catch (IllegalStateException e) {
                    return message(409, e.getMessage());
                }
                LOG.info("control: fresh credentials {} issued to {}", c.accessKeyId(), email);
                out.put("identityId", controls().identityIdOf(email)).put("accessKeyId", c.accessKeyId())
                        .put("expiration", c.expiration().toString())
                        .put("export", "export AWS_ACCESS_KEY_ID=" + c.accessKeyId() + " AWS_SECRET_ACCESS_KEY="
                                + c.secretAccessKey() + " AWS_SESSION_TOKEN=" + c.sessionToken()
                                + " AWS_DEFAULT_REGION=" + config.region());
            }
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

    private TableBrowser tables() {
        TableBrowser t = tables;
        if (t == null) {
            throw new IllegalStateException("DynamoDB is not ready yet");
        }
        return t;
    }

    /** The last {@code limit} records (all without it), oldest first. */
    private static List<CallRecord> limited(List<CallRecord> records, Map<String, String> query) {
        if (!query.containsKey("limit")) {
            return records;
        }
        long limit = number(query.get("limit"), "limit");
        return records.size() <= limit ? records : records.subList(records.size() - (int) limit, records.size());
    }

    private static long number(String value, String name) {
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number >= 0, got " + value);
        }
    }

    /** The developer's keys, for {@code ./gatehouse credentials --developer} and the {@code url:} target. */
    private GatewayServer.Reply developerKeys() {
        GatehouseConfig.Developer d = developer;
        if (d == null) {
            throw new IllegalStateException("the developer's keys are not ready yet");
        }
        return json(200, AwsJsonEndpoint.JSON.createObjectNode().put("userName", d.userName())
                .put("iamUserId", d.iamUserId()).put("accessKeyId", d.accessKeyId())
                .put("secretAccessKey", d.secretAccessKey()));
    }

    /** {@code {"seconds": N}}: clients' clocks simulated N seconds behind (negative: ahead); 0 for none. */
    private GatewayServer.Reply clientSkew(byte[] body) {
        JsonNode in;
        try {
            in = AwsJsonEndpoint.JSON.readTree(body);
        } catch (Exception e) {
            in = null;
        }
        if (in == null || !in.isObject() || !in.path("seconds").canConvertToLong()) {
            return message(400, "expected {\"seconds\": N} (clients' clocks N seconds behind; negative: ahead;"
                    + " 0: none)");
        }
        Controls.ClockState state = controls().clientSkew(in.get("seconds").asLong());
        LOG.warn("control: clients' clocks are simulated {} s {} (signatures and SRP timestamps are compared with {})",
                Math.abs(state.clientSkewSeconds()), state.clientSkewSeconds() >= 0 ? "behind" : "ahead",
                state.signatureNow());
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
        if (q.containsKey("since")) {
            long since = number(q.get("since"), "since");
            p = p.and(r -> r.sequence() > since);
        }
        if (q.containsKey("text") && !q.get("text").isBlank()) {
            String text = q.get("text").toLowerCase(java.util.Locale.ROOT);
            p = p.and(r -> contains(text, r.requestId(), r.method(), r.path(), r.operation(), r.verdict(), r.reason(),
                    r.explanation(), r.errorType(), r.user(), r.identityId(), r.kind(), String.valueOf(r.status())));
        }
        return p;
    }

    private static boolean contains(String lowerCaseText, String... fields) {
        for (String f : fields) {
            if (f != null && f.toLowerCase(java.util.Locale.ROOT).contains(lowerCaseText)) {
                return true;
            }
        }
        return false;
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

    /** A console file, never cached (it changes with Gatehouse), never framed, scripts from this origin only. */
    private static GatewayServer.Reply asset(ConsoleAssets.Asset a) {
        return new GatewayServer.Reply(200, List.of(Map.entry("Content-Type", a.contentType()),
                Map.entry("Cache-Control", "no-store"), Map.entry("X-Content-Type-Options", "nosniff"),
                Map.entry("Referrer-Policy", "no-referrer"), Map.entry("X-Frame-Options", "DENY"),
                Map.entry("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none';"
                        + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'")), a.body());
    }

    static GatewayServer.Reply message(int status, String message) {
        return json(status, AwsJsonEndpoint.JSON.createObjectNode().put("message", message));
    }

    static GatewayServer.Reply json(int status, Object body) {
        return new GatewayServer.Reply(status, JSON_HEADERS, CallLog.json(body));
    }
}
