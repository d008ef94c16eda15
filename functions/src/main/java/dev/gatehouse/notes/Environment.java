package dev.gatehouse.notes;

/**
 * The one place a handler reads its settings. On Lambda they are environment variables; a host that runs handlers in
 * process (Gatehouse) cannot set those and sets JVM system properties of the same name instead.
 */
public final class Environment {
    private Environment() {
    }

    /** The environment variable {@code name}, else the system property {@code name}, else {@code null}. */
    public static String get(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    /** Like {@link #get}, but a missing setting is a configuration error that names the setting. */
    public static String require(String name) {
        String value = get(name);
        if (value == null) {
            throw new IllegalStateException("Missing setting " + name
                    + ": set the environment variable or the JVM system property " + name);
        }
        return value;
    }
}
