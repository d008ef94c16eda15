package dev.gatehouse.emulator.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The result of one invocation.
 *
 * @param output the handler's result as JSON bytes (raw bytes for a RequestStreamHandler); null unless SUCCESS
 * @param error  the function error; null on SUCCESS
 * @param logs   the lines the function logged for this invocation (its Lambda logger, or its process's output)
 */
public record Invocation(String awsRequestId, Outcome outcome, byte[] output, FunctionError error, Duration duration,
                         List<String> logs) {

    public Invocation {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    public Invocation(String awsRequestId, Outcome outcome, byte[] output, FunctionError error, Duration duration) {
        this(awsRequestId, outcome, output, error, duration, List.of());
    }

    public enum Outcome {
        SUCCESS,
        /** The handler threw, or its event or result could not be (de)serialized. */
        ERROR,
        /** The handler ran past its timeout; its thread was interrupted. */
        TIMED_OUT,
        /** Every invocation thread of the function was busy (Lambda: TooManyRequestsException). */
        THROTTLED
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** The output on success, else the error document (what Lambda's Invoke API returns as the payload). */
    public byte[] payload() {
        return succeeded() ? output : error.toJson();
    }

    @Override
    public String toString() {
        return "Invocation[" + awsRequestId + ", " + outcome + ", " + duration.toMillis() + " ms"
                + (error == null ? "" : ", " + error.errorType() + ": " + error.errorMessage()) + "]";
    }

    String outputText() {
        return output == null ? null : new String(output, StandardCharsets.UTF_8);
    }
}
