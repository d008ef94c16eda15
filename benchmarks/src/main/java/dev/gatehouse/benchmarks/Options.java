package dev.gatehouse.benchmarks;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A benchmark tool's command line: {@code --name value} pairs, each name one the tool knows, each value checked when
 * read, so that a mistyped option or value stops the tool with a message that names it (not a stack trace, and not a
 * silently ignored option or a "0 MB").
 */
final class Options {
    /** What an option's value must be. */
    enum Kind {
        /** any text */
        TEXT,
        /** a whole number, 0 or more */
        COUNT,
        /** a whole number, 1 or more */
        POSITIVE,
        /** the id of a process running now */
        PID,
        /** an absolute {@code http://} or {@code https://} address */
        HTTP_URI
    }

    private final String tool;
    private final Map<String, String> values;

    private Options(String tool, Map<String, String> values) {
        this.tool = tool;
        this.values = values;
    }

    /**
     * Reads {@code args} as {@code --name value} pairs; every name must be in {@code known}, every name in
     * {@code required} given, each value what its kind says.
     *
     * @throws IllegalArgumentException saying what is wrong, the tool's name first
     */
    static Options parse(String tool, String[] args, Map<String, Kind> known, Set<String> required) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException(tool + ": expected --option value, got '" + arg + "' (argument "
                        + (i + 1) + ")");
            }
            String name = arg.substring(2);
            Kind kind = known.get(name);
            if (kind == null) {
                throw new IllegalArgumentException(tool + ": unknown option --" + name + "; known: "
                        + String.join(", ", new TreeSet<>(known.keySet())));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(tool + ": --" + name + " needs a value");
            }
            if (values.put(name, args[i + 1]) != null) {
                throw new IllegalArgumentException(tool + ": --" + name + " is given twice");
            }
            check(tool, name, kind, args[i + 1]);
        }
        for (String name : required) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(tool + ": missing --" + name);
            }
        }
        return new Options(tool, values);
    }

    /** {@link #parse}, for a tool's {@code main}: what is wrong printed on stderr, exit status 2. */
    static Options parseOrExit(String tool, String[] args, Map<String, Kind> known, Set<String> required) {
        try {
            return parse(tool, args, known, required);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e; // not reached
        }
    }

    private static void check(String tool, String name, Kind kind, String value) {
        String wrong = switch (kind) {
            case TEXT -> null;
            case COUNT -> value.matches("\\d{1,9}") ? null : "a whole number, 0 or more";
            case POSITIVE -> value.matches("\\d{1,9}") && Integer.parseInt(value) > 0 ? null
                    : "a whole number, 1 or more";
            case PID -> !value.matches("[1-9]\\d{0,9}") ? "a process id"
                    : Files.isDirectory(Path.of("/proc", value)) ? null : "a running process's id (no /proc/" + value
                    + ")";
            case HTTP_URI -> httpUri(value) ? null : "an http:// or https:// address with a host";
        };
        if (wrong != null) {
            throw new IllegalArgumentException(tool + ": --" + name + " must be " + wrong + ", got '" + value + "'");
        }
    }

    private static boolean httpUri(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String text(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(tool + ": --" + name + " was not given");
        }
        return v;
    }

    int number(String name, int otherwise) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
    }

    int number(String name) {
        return Integer.parseInt(text(name));
    }
}
