package dev.gatehouse.emulator.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files: plain HTML, CSS and JavaScript modules in the jar under {@code dev/gatehouse/emulator/console/},
 * served as they are (no build step). {@code console} is the page; {@code console/NAME.js} and {@code .css} its parts.
 */
public final class ConsoleAssets {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*\\.(js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    /** One file and its media type. */
    public record Asset(String contentType, byte[] body) {
    }

    private ConsoleAssets() {
    }

    /**
     * The file for a path under {@code /_gatehouse/}: {@code console} is the page, {@code console/app.js} a module.
     * Empty for anything else (including any name with a slash or dots beyond its extension).
     */
    public static Optional<Asset> find(String path) {
        String name;
        if (path.equals("console")) {
            name = "index.html";
        } else {
            name = path.substring("console/".length());
            if (!NAME.matcher(name).matches()) {
                return Optional.empty();
            }
        }
        byte[] body = CACHE.computeIfAbsent(name, ConsoleAssets::read);
        if (body.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new Asset(TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body));
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
