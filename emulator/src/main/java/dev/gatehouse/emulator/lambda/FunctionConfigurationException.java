package dev.gatehouse.emulator.lambda;

/** A handler that cannot be loaded or run as configured; the message names the route and the class. */
public final class FunctionConfigurationException extends RuntimeException {
    public FunctionConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
