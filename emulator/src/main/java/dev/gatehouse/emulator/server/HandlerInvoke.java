package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.apigateway.GatewayResponse;
import dev.gatehouse.emulator.apigateway.ResponseMapper;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.lambda.Invocation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /_gatehouse/invoke {"routeKey", "event"}}: runs a route's real function with a payload 2.0 event given
 * unchanged (e.g. one captured in production), with no gateway and no authorizer in front, and answers the function's
 * raw result and the HTTP response API Gateway would map it to. The event may be the JSON object or a JSON string of
 * it (as CloudWatch logs often show it).
 */
final class HandlerInvoke {
    private final List<GatehouseConfig.Route> routes;
    private final Functions functions;
    private final ResponseMapper responses = new ResponseMapper();

    HandlerInvoke(List<GatehouseConfig.Route> routes, Functions functions) {
        this.routes = routes;
        this.functions = functions;
    }

    GatewayServer.Reply invoke(byte[] requestBody) {
        JsonNode input;
        try {
            input = AwsJsonEndpoint.JSON.readTree(requestBody);
        } catch (Exception e) {
            return AdminEndpoint.message(400, "the body must be JSON {\"routeKey\": \"GET /notes/{id}\", \"event\": {...}}");
        }
        if (input == null || !input.path("routeKey").isTextual()) {
            return AdminEndpoint.message(400, "routeKey is required, e.g. \"GET /notes/{id}\"");
        }
        String routeKey = input.get("routeKey").asText().trim();
        Optional<GatehouseConfig.Route> route = routes.stream().filter(r -> r.routeKey().equals(routeKey)).findFirst();
        if (route.isEmpty()) {
            return AdminEndpoint.message(404, "no route " + routeKey + " in the configuration (routes: "
                    + routes.stream().map(GatehouseConfig.Route::routeKey).toList() + ")");
        }
        JsonNode event = input.path("event");
        if (event.isTextual()) {
            try {
                event = AwsJsonEndpoint.JSON.readTree(event.asText());
            } catch (Exception e) {
                return AdminEndpoint.message(400, "event is a string but not the JSON text of an event: "
                        + e.getMessage());
            }
        }
        if (event == null || !event.isObject()) {
            return AdminEndpoint.message(400, "event must be a payload 2.0 event: a JSON object (or a JSON string of"
                    + " one), got " + (event == null || event.isMissingNode() ? "nothing" : event.getNodeType()));
        }
        if (!"2.0".equals(event.path("version").asText())) {
            return AdminEndpoint.message(400, "event.version must be \"2.0\" (an HTTP API payload format 2.0 event),"
                    + " got " + (event.has("version") ? event.get("version") : "none"));
        }
        byte[] eventBytes = event.toString().getBytes(StandardCharsets.UTF_8);
        Invocation invocation = functions.invoke(route.get(), eventBytes,
                Duration.ofSeconds(route.get().timeoutSeconds()));
        ObjectNode out = AwsJsonEndpoint.JSON.createObjectNode();
        out.put("routeKey", routeKey).put("handler", route.get().handler())
                .put("outcome", invocation.outcome().name())
                .put("durationMs", invocation.duration().toNanos() / 1_000_000.0);
        out.set("functionResult", parse(invocation.payload()));
        GatewayResponse mapped = switch (invocation.outcome()) {
            case SUCCESS -> responses.map(invocation.output());
            case TIMED_OUT -> dev.gatehouse.emulator.apigateway.GatewayErrors.serviceUnavailable();
            default -> dev.gatehouse.emulator.apigateway.GatewayErrors.internalError();
        };
        ObjectNode response = out.putObject("response");
        response.put("status", mapped.status());
        ArrayNode headers = response.putArray("headers");
        for (Map.Entry<String, String> h : mapped.headers()) {
            headers.addArray().add(h.getKey()).add(h.getValue());
        }
        response.put("body", mapped.bodyText());
        return AdminEndpoint.json(200, out);
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return AwsJsonEndpoint.JSON.nullNode();
        }
        try {
            return AwsJsonEndpoint.JSON.readTree(bytes);
        } catch (Exception e) {
            return AwsJsonEndpoint.JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
