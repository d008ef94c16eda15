package dev.gatehouse.emulator.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A route's {@code runtime}, {@code codeUri}, {@code reservedConcurrency} and {@code isolation}, checked against each
 * other and against the files on disk: the handler's module must exist in {@code codeUri} when the configuration is
 * loaded (whether it exports the function is known only when the runtime loads it).
 */
public final class RuntimeSettings {
    /** Every runtime a route may name. */
    public static final List<String> RUNTIMES = List.of("java17", "java21", "nodejs18.x", "nodejs20.x", "nodejs22.x",
            "python3.9", "python3.10", "python3.11", "python3.12", "python3.13", "provided.al2023", "provided.al2");
    static final Pattern RUNTIME = Pattern.compile(String.join("|", RUNTIMES).replace(".", "\\."));

    enum Family {
        JAVA(Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*(::[A-Za-z_$][\\w$]*)?"),
                "a handler class name such as \"com.example.CreateNote\" (optionally ::method)"),
        NODE(Pattern.compile("([\\w.\\-]+/)*[\\w\\-]+\\.[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*"),
                "a Node.js handler \"file.export\" such as \"create.main\" (file relative to codeUri)"),
        PYTHON(Pattern.compile("([\\w.\\-]+/)*[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*\\.[A-Za-z_]\\w*"),
                "a Python handler \"module.function\" such as \"app.handler\""),
        PROVIDED(Pattern.compile("\\S{1,128}"), "a handler name without spaces (given to bootstrap as _HANDLER)");

        private final Pattern handler;
        private final String expected;

        Family(Pattern handler, String expected) {
            this.handler = handler;
            this.expected = expected;
        }

        Pattern handlerPattern() {
            return handler;
        }

        String handlerExpected() {
            return expected;
        }
    }

    private RuntimeSettings() {
    }

    static Family family(String runtime) {
        if (runtime == null || runtime.startsWith("java")) {
            return Family.JAVA;
        }
        if (runtime.startsWith("nodejs")) {
            return Family.NODE;
        }
        if (runtime.startsWith("python")) {
            return Family.PYTHON;
        }
        return Family.PROVIDED;
    }

    /** True for the runtimes Gatehouse runs (Java in process or in a process; the others through the Runtime API). */
    public static boolean supported(String runtime) {
        return runtime != null && RUNTIME.matcher(runtime).matches();
    }

    /** What a handler of this runtime looks like, or null when {@code handler} has that shape. */
    public static String handlerProblem(String runtime, String handler) {
        Family family = family(runtime);
        return handler != null && family.handlerPattern().matcher(handler).matches() ? null
                : "expected " + family.handlerExpected() + ", got \"" + handler + "\"";
    }

    /**
     * For a runtime other than Java: what is missing in the code folder for this handler (the folder itself, the
     * handler's file or module, an executable {@code bootstrap}), or null.
     */
    public static String codeProblem(String runtime, Path folder, String handler) {
        Family family = family(runtime);
        if (family == Family.JAVA) {
            return null;
        }
        if (!Files.isDirectory(folder)) {
            return "expected the folder of the " + runtime + " function's code, got " + folder;
        }
        return handlerProblem(runtime, handler) == null ? missingCode(family, folder, handler) : null;
    }

    static GatehouseConfig.Code read(ConfigReader r, JsonNode route, String at, String runtime, Family family,
                                     String handler, Path source) {
        String isolation = r.string(route, at, "isolation", Pattern.compile("in-process|process"),
                "\"in-process\" (Java only) or \"process\"", family == Family.JAVA ? "in-process" : "process");
        if (family != Family.JAVA && "in-process".equals(isolation)) {
            r.problem(ConfigReader.child(at, "isolation"), "expected \"process\": only Java handlers run in process, "
                    + runtime + " runs in its own process");
        }
        int reserved = r.integer(route, at, "reservedConcurrency", 1, 1000,
                GatehouseConfig.Code.DEFAULT_RESERVED_CONCURRENCY);
        String codeUri = r.string(route, at, "codeUri", null, "a folder relative to the configuration file", "");
        Path folder = null;
        String codeAt = ConfigReader.child(at, "codeUri");
        if (codeUri == null || codeUri.isEmpty()) {
            if (family != Family.JAVA) {
                r.problem(codeAt, "missing; expected the folder of the " + runtime
                        + " function's code, relative to the configuration file");
            }
        } else if (source == null) {
            r.problem(codeAt, "codeUri needs a configuration file on disk (--config FILE)");
        } else {
            folder = source.resolveSibling(codeUri).normalize();
            if (family == Family.JAVA && !Files.exists(folder)) {
                r.problem(codeAt, "no such jar or folder: " + folder);
                folder = null;
            } else if (family != Family.JAVA && !Files.isDirectory(folder)) {
                r.problem(codeAt, "no such folder: " + folder);
                folder = null;
            }
        }
        if (folder != null && handler != null && RUNTIME.matcher(runtime).matches()
                && family.handlerPattern().matcher(handler).matches()) {
            String missing = missingCode(family, folder, handler);
            if (missing != null) {
                r.problem(ConfigReader.child(at, "handler"), missing);
            }
        }
        return new GatehouseConfig.Code(runtime, folder, reserved, isolation);
    }

    /** What is missing on disk for this handler, or null. */
    private static String missingCode(Family family, Path folder, String handler) {
        switch (family) {
            case NODE -> {
                String module = nodeModule(handler);
                for (String ext : List.of("", ".js", ".mjs", ".cjs")) {
                    if (Files.isRegularFile(folder.resolve(module + ext))) {
                        return null;
                    }
                }
                return "no file " + module + ".js, .mjs or .cjs in " + folder;
            }
            case PYTHON -> {
                String module = handler.substring(0, handler.lastIndexOf('.')).replace('.', '/');
                if (Files.isRegularFile(folder.resolve(module + ".py"))
                        || Files.isRegularFile(folder.resolve(module).resolve("__init__.py"))) {
                    return null;
                }
                return "no module " + module + ".py in " + folder;
            }
            case PROVIDED -> {
                Path bootstrap = folder.resolve("bootstrap");
                if (!Files.isRegularFile(bootstrap)) {
                    return "no executable file \"bootstrap\" in " + folder + " (provided runtimes run it)";
                }
                return Files.isExecutable(bootstrap) ? null : bootstrap + " is not executable (chmod +x)";
            }
            default -> {
                return null;
            }
        }
    }

    /** {@code src/create.main} → {@code src/create}: the path up to the first dot of the last segment. */
    static String nodeModule(String handler) {
        int slash = handler.lastIndexOf('/');
        int dot = handler.indexOf('.', slash + 1);
        return handler.substring(0, dot);
    }
}
