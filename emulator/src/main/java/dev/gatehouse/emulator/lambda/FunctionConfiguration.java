package dev.gatehouse.emulator.lambda;

import dev.gatehouse.emulator.config.GatehouseConfig;

import java.time.Duration;
import java.util.Map;

/**
 * One function as Lambda knows it.
 *
 * @param functionName the function's name (default: the handler class's simple name)
 * @param handler      {@code pkg.Class} or {@code pkg.Class::method}, as Lambda's handler setting
 * @param routeKey     the route that invokes it, named in configuration errors (may be null)
 * @param environment  the function's environment: configuration defaults overlaid by the route's own
 */
public record FunctionConfiguration(String functionName, String handler, String routeKey, Duration timeout,
                                    int memorySizeMb, Map<String, String> environment, String region,
                                    String accountId) {
    public FunctionConfiguration {
        environment = Map.copyOf(environment);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("function " + functionName + ": timeout must be positive");
        }
    }

    public static FunctionConfiguration of(GatehouseConfig.Route route, String region, String accountId) {
        String name = route.code().runtime().startsWith("java") ? defaultName(route.handler())
                : scriptNameOf(route.handler());
        return new FunctionConfiguration(name, route.handler(), route.routeKey(),
                Duration.ofSeconds(route.timeoutSeconds()), route.memorySizeMb(), route.environment(), region,
                accountId);
    }

    /** {@code dev.gatehouse.notes.CreateNote::handleRequest} → {@code CreateNote}. */
    public static String defaultName(String handler) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '-');
    }

    /** {@code src/create.main} → {@code create-main}, {@code app.handler} → {@code app-handler}. */
    public static String scriptNameOf(String handler) {
        String name = handler.substring(handler.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_-]", "-");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** {@code arn:aws:lambda:<region>:<account>:function:<name>} */
    public String functionArn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    public String logGroupName() {
        return "/aws/lambda/" + functionName;
    }

    /** "route GET /notes (handler x.Y)" or "function F (handler x.Y)", for error messages. */
    public String describe() {
        return (routeKey == null ? "function " + functionName : "route " + routeKey) + " (handler " + handler + ")";
    }
}
