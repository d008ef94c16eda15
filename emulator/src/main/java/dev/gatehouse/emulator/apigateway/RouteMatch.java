package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.config.GatehouseConfig;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The route a request was sent to.
 *
 * @param route          the configured route (handler, authorization, ...)
 * @param routeKey       its parsed key; {@code routeKey.toString()} is the event's {@code routeKey}
 * @param pathParameters the values of its path variables, decoded; empty when it has none
 */
public record RouteMatch(GatehouseConfig.Route route, RouteKey routeKey, Map<String, String> pathParameters) {

    public RouteMatch {
        pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
    }
}
