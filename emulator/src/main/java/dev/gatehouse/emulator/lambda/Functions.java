package dev.gatehouse.emulator.lambda;

import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;

import dev.gatehouse.emulator.lambda.runtime.FunctionHost;
import dev.gatehouse.emulator.lambda.runtime.ProcessFunction;

import java.io.IOException;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The functions behind the routes: one warm instance per route's handler and environment. Handler classes are checked
 * when the configuration is loaded, before anything starts; instances are created once DynamoDB's endpoint is known.
 */
public final class Functions implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Functions.class);
    private final List<FunctionConfiguration> configurations;
    private final Map<GatehouseConfig.Route, FunctionConfiguration> byRoute = new LinkedHashMap<>();
    private final Map<GatehouseConfig.Route, RunningFunction> running = new LinkedHashMap<>();
    private final Map<Path, URLClassLoader> codeLoaders = new LinkedHashMap<>();
    private final ClassLoader gatehouseLoader;
    private LambdaEnvironment environment;

    private Functions(GatehouseConfig config) {
        List<FunctionConfiguration> list = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        gatehouseLoader = Objects.requireNonNullElse(Thread.currentThread().getContextClassLoader(),
                Functions.class.getClassLoader());
        for (GatehouseConfig.Route route : config.routes()) {
            FunctionConfiguration fc = FunctionConfiguration.of(route, config.region(), config.accountId());
            if (route.code().inProcess()) {
                String className = route.handler().contains("::")
                        ? route.handler().substring(0, route.handler().indexOf("::")) : route.handler();
                Path codeUri = route.code().codeUri();
                ClassLoader loader;
                try {
                    loader = loaderOf(route);
                } catch (IllegalArgumentException e) {
                    problems.add(ConfigLoader.locate(config.source(), "routes", route.routeKey(), "codeUri") + ": "
                            + e.getMessage());
                    continue;
                }
                try {
                    Class.forName(className, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    problems.add(ConfigLoader.locate(config.source(), "routes", route.routeKey(), "handler")
                            + ": class " + className + (codeUri == null
                            ? " is not on the classpath (add its jar with GATEHOUSE_CLASSPATH)"
                            : " is not in " + codeUri + (e instanceof LinkageError ? " (" + e + ")" : "")));
                }
            } else {
                String unavailable = ProcessFunction.unavailable(route.code());
                if (unavailable != null) {
                    problems.add(ConfigLoader.locate(config.source(), "routes", route.routeKey(), "runtime") + ": "
                            + unavailable);
                }
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

    /**
     * Gatehouse's own class loader, or for a route with a {@code codeUri} the isolated class loader of that code
     * location (one per location, shared by its routes).
     */
    private ClassLoader loaderOf(GatehouseConfig.Route route) {
        Path codeUri = route.code().codeUri();
        if (codeUri == null) {
            return gatehouseLoader;
        }
        URLClassLoader loader = codeLoaders.get(codeUri);
        if (loader == null) {
            loader = CodeLocation.classLoader(codeUri, gatehouseLoader);
            codeLoaders.put(codeUri, loader);
        }
        return loader;
    }

    private void closeLoaders() {
        for (URLClassLoader loader : codeLoaders.values()) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // closing jar files; nothing to do about a failure
            }
        }
        codeLoaders.clear();
    }

    /** Checks that every route's handler class is on the classpath (or in its code location). */
    public static Functions load(GatehouseConfig config) {
        return new Functions(config);
    }

    /**
     * Applies the functions' environment (region, DynamoDB endpoint, each function's variables) and creates and warms
     * one instance per function, in parallel.
     */
    public synchronized void start(String region, URI dynamoDbEndpoint) {
        start(new FunctionHost(region, dynamoDbEndpoint, Clock.systemUTC(), null));
    }

    /**
     * As {@link #start(String, URI)}; functions in processes get their environment from {@code host} (with their
     * execution role's credentials) and start one execution environment each.
     */
    public synchronized void start(FunctionHost host) {
        // JVM-global system properties: set only when a function runs in this JVM
        if (byRoute.keySet().stream().anyMatch(route -> route.code().inProcess())) {
            Map<String, ClassLoader> loaders = new LinkedHashMap<>();
            byRoute.forEach((route, fc) -> {
                if (route.code().inProcess()) {
                    loaders.put(fc.functionName(), loaderOf(route));
                }
            });
            DynamoDbInProcess.Decision inProcess = DynamoDbInProcess.decide(host.dynamoDbEndpoint(), loaders,
                    System.getenv());
            LOG.info("DynamoDB calls of the functions: {}", (inProcess.inProcess() ? "in process: " : "over HTTP: ")
                    + inProcess.reason());
            environment = new LambdaEnvironment(host.region(), host.dynamoDbEndpoint(), inProcess.inProcess());
        }
        for (Map.Entry<GatehouseConfig.Route, FunctionConfiguration> e : byRoute.entrySet()) {
            GatehouseConfig.Code code = e.getKey().code();
            running.put(e.getKey(), code.inProcess()
                    ? new LambdaFunction(e.getValue(), environment, loaderOf(e.getKey()))
                    : new ProcessFunction(e.getValue(), code, host));
        }
        // one thread per function: process functions spend their cold start waiting on a child process
        List<CompletableFuture<Void>> warming = running.values().stream()
                .map(f -> CompletableFuture.runAsync(f::warm, task -> {
                    Thread thread = new Thread(task, "warm-" + f.configuration().functionName());
                    thread.setDaemon(true);
                    thread.start();
                })).toList();
        for (CompletableFuture<Void> warm : warming) {
            try {
                warm.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }

    /** The running function of a route (after {@link #start}). */
    public Optional<RunningFunction> function(GatehouseConfig.Route route) {
        return Optional.ofNullable(running.get(route));
    }

    /** Runs the route's function with a payload 2.0 event. */
    public Invocation invoke(GatehouseConfig.Route route, byte[] event, Duration timeout) {
        RunningFunction f = running.get(route);
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
        running.values().forEach(RunningFunction::close);
        running.clear();
        if (environment != null) {
            environment.close();
        }
        closeLoaders();
    }
}
