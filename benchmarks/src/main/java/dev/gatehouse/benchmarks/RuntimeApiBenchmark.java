package dev.gatehouse.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.lambda.FunctionConfiguration;
import dev.gatehouse.emulator.lambda.Invocation;
import dev.gatehouse.emulator.lambda.LambdaEnvironment;
import dev.gatehouse.emulator.lambda.LambdaFunction;
import dev.gatehouse.emulator.lambda.runtime.FunctionHost;
import dev.gatehouse.emulator.lambda.runtime.ProcessFunction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The Lambda Runtime API's cost: a warm invocation of an echo handler in a Node.js execution environment (event to
 * the process through {@code /next}, result back through {@code /response}) against the same echo as a Java handler in
 * process, interleaved, 1 KB events; then Node.js cold starts (process start to first answer), with a trivial handler
 * and, when {@code examples/notes-node} has its packages installed, with the notes example's {@code create.main}
 * (the AWS SDK for JavaScript v3 loaded at init).
 *
 * <pre>
 * java -cp "$BCP" dev.gatehouse.benchmarks.RuntimeApiBenchmark [iterations] [cold starts] [notes-node/src]
 * </pre>
 */
public final class RuntimeApiBenchmark {
    /** The in-process side: returns the event, as the Node.js handler does. */
    public static final class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            input.transferTo(output);
        }
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int coldStarts = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Duration timeout = Duration.ofSeconds(30);
        Path code = Files.createTempDirectory("gatehouse-bench-node");
        try {
            Files.writeString(code.resolve("echo.mjs"), "export const handler = async (event) => event;\n");
            byte[] event = ("{\"body\":\"" + "x".repeat(1000) + "\"}").getBytes(StandardCharsets.UTF_8);
            FunctionHost host = new FunctionHost("us-east-1", null, Clock.systemUTC(), null);

            try (LambdaEnvironment environment = new LambdaEnvironment("us-east-1", null);
                 LambdaFunction java = new LambdaFunction(configuration(Echo.class.getName(), "Echo"), environment);
                 ProcessFunction node = node(code, "echo.handler", host)) {
                long[] inProcess = new long[iterations];
                long[] runtimeApi = new long[iterations];
                for (int i = 0; i < iterations / 5; i++) { // warm-up: JIT on both sides, node's too
                    check(java.invoke(event, timeout));
                    check(node.invoke(event, timeout));
                }
                for (int i = 0; i < iterations; i++) {
                    long t0 = System.nanoTime();
                    check(java.invoke(event, timeout));
                    long t1 = System.nanoTime();
                    check(node.invoke(event, timeout));
                    long t2 = System.nanoTime();
                    inProcess[i] = t1 - t0;
                    runtimeApi[i] = t2 - t1;
                }
                System.out.printf("warm invocation, 1 KB echo, %d each, interleaved%n", iterations);
                System.out.printf("  Java in process      p50 %s  p90 %s  p99 %s%n", ms(inProcess, 50),
                        ms(inProcess, 90), ms(inProcess, 99));
                System.out.printf("  Node.js, Runtime API p50 %s  p90 %s  p99 %s%n", ms(runtimeApi, 50),
                        ms(runtimeApi, 90), ms(runtimeApi, 99));
                System.out.printf("  overhead at p50: %.3f ms%n", (pct(runtimeApi, 50) - pct(inProcess, 50)) / 1e6);
            }

            coldStarts(code, "echo.handler", coldStarts, event, host, "trivial handler");
            Path notesCode = args.length > 2 && !"-".equals(args[2]) ? Path.of(args[2])
                    : Path.of("examples", "notes-node", "src");
            if (Files.isDirectory(notesCode.resolveSibling("node_modules/@aws-sdk/lib-dynamodb"))) {
                coldStarts(notesCode.toAbsolutePath(), "create.main", coldStarts,
                        "{}".getBytes(StandardCharsets.UTF_8), host, "notes create.main (AWS SDK v3 loaded)");
            } else {
                System.out.println("(npm install in " + notesCode.getParent() + ") to measure the notes handler's "
                        + "cold start too");
            }
        } finally {
            deleteTree(code); // the echo handler's folder: nothing of a run stays in the temporary directory
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void coldStarts(Path code, String handler, int count, byte[] event, FunctionHost host, String what)
            throws IOException {
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            try (ProcessFunction f = node(code, handler, host)) {
                long t0 = System.nanoTime();
                f.invoke(event, Duration.ofSeconds(30)); // the notes handler answers 401 here: init is what counts
                times[i] = System.nanoTime() - t0;
            }
        }
        System.out.printf("Node.js cold start (process start to first answer), %s, %d starts: median %s  min %s  "
                + "max %s%n", what, count, ms(times, 50), ms(times, 0), ms(times, 100));
    }

    private static ProcessFunction node(Path code, String handler, FunctionHost host) {
        return new ProcessFunction(configuration(handler, FunctionConfiguration.scriptNameOf(handler)),
                new GatehouseConfig.Code("nodejs20.x", code, 1, "process"), host);
    }

    private static FunctionConfiguration configuration(String handler, String name) {
        return new FunctionConfiguration(name, handler, null, Duration.ofSeconds(30), 1024,
                Map.of("TABLE_NAME", "notes"), "us-east-1", "123456789012");
    }

    private static void check(Invocation invocation) {
        if (!invocation.succeeded()) {
            throw new IllegalStateException(invocation.toString());
        }
    }

    private static double pct(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.round(percentile / 100.0 * (sorted.length - 1)));
        return sorted[index];
    }

    private static String ms(long[] values, int percentile) {
        return String.format("%.3f ms", pct(values, percentile) / 1e6);
    }
}
