package dev.gatehouse.emulator.lambda.runtime;

import dev.gatehouse.emulator.config.GatehouseConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How one Lambda runtime starts an execution environment's process: the command (Gatehouse's own runtime client for
 * Node.js and Python, AWS's runtime interface client for Java, the user's {@code bootstrap} for {@code provided}) and
 * the variables the runtime adds ({@code AWS_EXECUTION_ENV}, ...).
 */
abstract sealed class LambdaRuntime permits LambdaRuntime.Node, LambdaRuntime.Python, LambdaRuntime.Provided,
        JavaRuntime {
    private static final Map<String, Optional<String>> VERSIONS = new ConcurrentHashMap<>();

    final String identifier;

    LambdaRuntime(String identifier) {
        this.identifier = identifier;
    }

    static LambdaRuntime of(String identifier) {
        if (identifier.startsWith("nodejs")) {
            return new Node(identifier);
        }
        if (identifier.startsWith("python")) {
            return new Python(identifier);
        }
        if (identifier.startsWith("java")) {
            return new JavaRuntime(identifier);
        }
        return new Provided(identifier);
    }

    /** The process's command line. */
    abstract List<String> command(GatehouseConfig.Code code, String handler, int memorySizeMb);

    /**
     * Whether this runtime's client is Gatehouse's own, which writes {@link ExecutionEnvironment#END_OF_OUTPUT} and the
     * request id on its output before it posts an invocation's answer: the lines before that marker are all the
     * invocation's, so the call record gets them whole. Other clients' lines are taken as they arrive.
     */
    boolean marksEndOfOutput() {
        return this instanceof Node || this instanceof Python;
    }

    /** Variables this runtime sets besides the ones every function gets. */
    Map<String, String> variables(GatehouseConfig.Code code) {
        return Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_" + identifier);
    }

    /**
     * Why this runtime cannot start on this machine (its interpreter missing), or empty. Checked once per command at
     * start, so a missing {@code node} is an error before the first call.
     */
    Optional<String> unavailable() {
        return Optional.empty();
    }

    /** Runs {@code command --version}; the first line of its output, or empty when it does not run. */
    static Optional<String> version(String command) {
        return VERSIONS.computeIfAbsent(command, c -> {
            try {
                Process p = new ProcessBuilder(c, "--version").redirectErrorStream(true).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                return Optional.of(out.lines().findFirst().orElse(""));
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    /** A setting from the JVM system property, else the environment variable, else the fallback. */
    static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Node.js: Gatehouse's runtime client ({@code bootstrap.mjs}), a heap sized to the function's memory as Lambda's. */
    static final class Node extends LambdaRuntime {
        Node(String identifier) {
            super(identifier);
        }

        private static String node() {
            return setting("gatehouse.node", "GATEHOUSE_NODE", "node");
        }

        @Override
        List<String> command(GatehouseConfig.Code code, String handler, int memorySizeMb) {
            return List.of(node(), "--max-old-space-size=" + Math.max(64, memorySizeMb * 9 / 10),
                    RuntimeFiles.path("node/bootstrap.mjs").toString());
        }

        @Override
        Optional<String> unavailable() {
            return version(node()).isPresent() ? Optional.empty()
                    : Optional.of("runtime " + identifier + " needs Node.js: \"" + node() + "\" is not on the PATH "
                    + "(install Node.js, or set GATEHOUSE_NODE to its path)");
        }
    }

    /** Python: Gatehouse's runtime client ({@code bootstrap.py}), unbuffered output so log lines arrive as printed. */
    static final class Python extends LambdaRuntime {
        Python(String identifier) {
            super(identifier);
        }

        static String python() {
            return setting("gatehouse.python", "GATEHOUSE_PYTHON", "python3");
        }

        @Override
        List<String> command(GatehouseConfig.Code code, String handler, int memorySizeMb) {
            return List.of(python(), "-u", RuntimeFiles.path("python/bootstrap.py").toString());
        }

        @Override
        Map<String, String> variables(GatehouseConfig.Code code) {
            return Map.of("AWS_EXECUTION_ENV", "AWS_Lambda_" + identifier, "PYTHONUNBUFFERED", "1",
                    "PYTHONDONTWRITEBYTECODE", "1");
        }

        @Override
        Optional<String> unavailable() {
            return version(python()).isPresent() ? Optional.empty()
                    : Optional.of("runtime " + identifier + " needs Python 3: \"" + python() + "\" is not on the PATH "
                    + "(install python3, or set GATEHOUSE_PYTHON to its path)");
        }
    }

    /** {@code provided.al2023} / {@code provided.al2}: the function's own {@code bootstrap} executable. */
    static final class Provided extends LambdaRuntime {
        Provided(String identifier) {
            super(identifier);
        }

        @Override
        List<String> command(GatehouseConfig.Code code, String handler, int memorySizeMb) {
            return new ArrayList<>(List.of(code.codeUri().resolve("bootstrap").toString()));
        }

        @Override
        Map<String, String> variables(GatehouseConfig.Code code) {
            return Map.of();
        }
    }

    static Path taskRoot(GatehouseConfig.Code code) {
        return code.codeUri() == null ? Path.of("").toAbsolutePath() : code.codeUri();
    }
}
