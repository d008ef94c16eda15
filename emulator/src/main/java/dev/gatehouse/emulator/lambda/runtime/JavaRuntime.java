package dev.gatehouse.emulator.lambda.runtime;

import dev.gatehouse.emulator.config.GatehouseConfig;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code java17} / {@code java21} out of process ({@code "isolation": "process"}): AWS's runtime interface client
 * ({@code com.amazonaws:aws-lambda-java-runtime-interface-client}, on Gatehouse's classpath) runs the handler in a JVM
 * of its own. The function's classpath is laid out as Lambda's: {@code codeUri} (a folder of classes, or a jar), then
 * {@code codeUri/lib/*.jar}; without a {@code codeUri}, Gatehouse's own classpath (where in-process handlers come
 * from).
 */
final class JavaRuntime extends LambdaRuntime {
    static final String CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    JavaRuntime(String identifier) {
        super(identifier);
    }

    @Override
    List<String> command(GatehouseConfig.Code code, String handler, int memorySizeMb) {
        Set<String> classpath = new LinkedHashSet<>();
        if (code.codeUri() == null) {
            classpath.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        } else {
            classpath.add(code.codeUri().toString());
            Path lib = code.codeUri().resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> classpath.add(p.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        classpath.addAll(clientClasspath());
        List<String> command = new ArrayList<>(List.of(java(), "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-XX:MaxHeapSize=" + Math.max(64, memorySizeMb * 85 / 100) + "m",
                "-cp", String.join(File.pathSeparator, classpath), CLIENT_MAIN, handler));
        return command;
    }

    @Override
    Map<String, String> variables(GatehouseConfig.Code code) {
        return Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_" + identifier);
    }

    @Override
    Optional<String> unavailable() {
        if (clientClasspath().isEmpty()) {
            return Optional.of("runtime " + identifier + " with \"isolation\": \"process\" needs AWS's runtime "
                    + "interface client (com.amazonaws:aws-lambda-java-runtime-interface-client) on Gatehouse's "
                    + "classpath");
        }
        return Optional.empty();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jars of the runtime interface client and what it needs, as found on Gatehouse's classpath. */
    static List<String> clientClasspath() {
        Set<String> jars = new LinkedHashSet<>();
        for (String name : List.of(CLIENT_MAIN, "com.amazonaws.services.lambda.runtime.Context",
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer")) {
            try {
                Class<?> type = Class.forName(name, false, JavaRuntime.class.getClassLoader());
                var source = type.getProtectionDomain().getCodeSource();
                if (source != null) {
                    jars.add(Path.of(source.getLocation().toURI()).toString());
                }
            } catch (ClassNotFoundException | java.net.URISyntaxException | RuntimeException e) {
                if (name.equals(CLIENT_MAIN)) {
                    return List.of();
                }
            }
        }
        return List.copyOf(jars);
    }
}
