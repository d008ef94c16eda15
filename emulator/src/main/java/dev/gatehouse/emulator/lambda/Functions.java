package dev.gatehouse.emulator.lambda;

import dev.gatehouse.emulator.config.GatehouseConfig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The functions behind the routes: one warm instance per route's handler and environment. Handler classes are checked
 * when the configuration is loaded, before anything starts; instances are created once DynamoDB's endpoint is known.
 */
public final class Functions implements AutoCloseable {
    private final List<FunctionConfiguration> configurations;
    private final Map<GatehouseConfig.Route, FunctionConfiguration> byRoute = new LinkedHashMap<>();
    private final Map<GatehouseConfig.Route, LambdaFunction> running = new LinkedHashMap<>();
    private final Map<java.nio.file.Path, java.net.URLClassLoader> codeLoaders = new LinkedHashMap<>();
    private final ClassLoader gatehouseLoader;
    private LambdaEnvironment environment;

    private Functions(GatehouseConfig config) {
        List<FunctionConfiguration> list = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        gatehouseLoader = Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
                Functions.class.getClassLoader());
        for (GatehouseConfig.Route route : config.routes()) {
            FunctionConfiguration fc = FunctionConfiguration.of(route, config.region(), config.accountId());
            String className = route.handler().contains("::")
                    ? route.handler().substring(0, route.handler().indexOf("::")) : route.handler();
            ClassLoader loader;
            try {
                loader = loaderOf(route);
            } catch (IllegalArgumentException e) {
                problems.add("routes[\"" + route.routeKey() + "\"].codeUri: " + e.getMessage());
                continue;
            }
            try {
                Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add("routes[\"" + route.routeKey() + "\"].handler: class " + className
                        + (route.codeUri() == null ? " is not on the classpath (add its jar with GATEHOUSE_CLASSPATH)"
                        : " is not in " + route.codeUri() + (e instanceof LinkageError ? " (" + e + ")" : "")));
            }
            list.add(fc);
            byRoute.put(route, fc);
        }
        if (!problems.isEmpty()) {
            closeLoaders();
            throw new IllegalArgumentException(String.join(System.lineSeparator(), problems));
        }
        this.configurations = List.copyOf(list);
    }

    /** Gatehouse's own class loader, or one isolated class loader per code location (shared by its routes). */
    private ClassLoader loaderOf(GatehouseConfig.Route route) {
        if (route.codeUri() == null) {
            return gatehouseLoader;
        }
        java.net.URLClassLoader loader = codeLoaders.get(route.codeUri());
        if (loader == null) {
            loader = CodeLocation.classLoader(route.codeUri(), gatehouseLoader);
            codeLoaders.put(route.codeUri(), loader);
        }
        return loader;
    }

    private void closeLoaders() {
        for (java.net.URLClassLoader loader : codeLoaders.values()) {
            try {
                loader.close();
            } catch (java.io.IOException ignored) {
                // closing jar files; nothing to do about a failure
            }
        }
        codeLoaders.clear();
    }

    /** Checks that every route's handler class is on the classpath. */
    public static Functions load(GatehouseConfig config) {
        return new Functions(config);
    }

    /**
     * Applies the functions' environment (region, DynamoDB endpoint, each function's variables) and creates and warms
     * one instance per function, in parallel.
     */
    public synchronized void start(String region, URI dynamoDbEndpoint) {
        environment = new LambdaEnvironment(region, dynamoDbEndpoint);
        for (Map.Entry<GatehouseConfig.Route, FunctionConfiguration> e : byRoute.entrySet()) {
            running.put(e.getKey(), new LambdaFunction(e.getValue(), environment, loaderOf(e.getKey())));
        }
        running.values().parallelStream().forEach(LambdaFunction::warm);
    }

    /** Runs the route's function with a payload 2.0 event. */
    public Invocation invoke(GatehouseConfig.Route route, byte[] event, Duration timeout) {
        LambdaFunction f = running.get(route);
        if (f == null) {
            throw new IllegalStateException("no function for route " + route.routeKey() + " (not started?)");
        }
        return f.invoke(event, timeout);
    }

    public List<FunctionConfiguration> configurations() {
        return configurations;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        running.values().forEach(LambdaFunction::close);
        running.clear();
        if (environment != null) {
            environment.close();
        }
        closeLoaders();
    }
}
