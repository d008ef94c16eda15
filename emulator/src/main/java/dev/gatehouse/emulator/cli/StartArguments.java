package dev.gatehouse.emulator.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code start} with plain options ({@code --port 8421 --key-pool DIR}, each once, as {@code --name value}), read
 * without picocli: building picocli's model of the commands (its Java 5 classes are never in the class-data archive,
 * and its reflection runs interpreted) cost ~0.3 CPU-s of every start before anything else could begin. Any other
 * command line ({@code --help}, {@code --name=value}, a repeated option, {@code --parameter-overrides}, an
 * {@code @file}, a value that looks like an option, one picocli would refuse or convert differently, an option this
 * class does not know) is left to picocli, which parses and reports it as before.
 */
final class StartArguments {
    private StartArguments() {
    }

    /** The {@code start} command these arguments give, or null when picocli must read them. */
    static StartCommand parse(String[] args) {
        if (args.length == 0 || !args[0].equals("start")) {
            return null;
        }
        StartCommand start = new StartCommand();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (!seen.add(name)) {
                return null;
            }
            switch (name) {
                case "--no-key-pool" -> start.noKeyPool = true;
                case "--stop-when-ready" -> start.stopWhenReady = true;
                default -> {
                    if (i + 1 >= args.length || !set(start, name, args[i + 1])) {
                        return null;
                    }
                    i++;
                }
            }
        }
        return start;
    }

    /** Sets option {@code name} to {@code value}; false when picocli must read it. */
    private static boolean set(StartCommand start, String name, String value) {
        if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
            return false;
        }
        try {
            switch (name) {
                case "--port" -> {
                    if (!value.matches("[0-9]{1,5}")) {
                        return false;
                    }
                    start.port = Integer.parseInt(value);
                }
                case "--config" -> start.config = Path.of(value);
                case "--template" -> start.template = Path.of(value);
                case "--users" -> start.users = Path.of(value);
                case "--imports" -> start.imports = Path.of(value);
                case "--data-dir" -> start.dataDir = Path.of(value);
                case "--key-pool" -> start.keyPool = Path.of(value);
                case "--dynamodb-endpoint" -> start.dynamoDbEndpoint = new URI(value);
                case "--host" -> start.host = value;
                default -> {
                    return false;
                }
            }
            return true;
        } catch (InvalidPathException | URISyntaxException e) {
            return false;
        }
    }
}
