package dev.gatehouse.emulator.config;

import java.util.List;

/** A configuration that cannot be used; the message lists every problem as {@code file:line: field: what is expected}. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
