package dev.gatehouse.emulator.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.Arrays;
import java.util.List;

/**
 * A function error as the Lambda Java runtime reports it: {@code {"errorMessage","errorType","stackTrace"}}, with the
 * {@code cause} in the same shape. A timeout has a message only ({@code "Task timed out after 10.00 seconds"}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"errorMessage", "errorType", "stackTrace", "cause"})
public record FunctionError(String errorMessage, String errorType, List<String> stackTrace, FunctionError cause) {

    static FunctionError of(Throwable error) {
        return of(error, 0);
    }

    private static FunctionError of(Throwable error, int depth) {
        List<String> stack = Arrays.stream(error.getStackTrace())
                .map(e -> e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")")
                .toList();
        Throwable cause = error.getCause();
        return new FunctionError(error.getMessage(), error.getClass().getName(), stack,
                cause == null || cause == error || depth > 8 ? null : of(cause, depth + 1));
    }

    /** Lambda's timeout report: {@code "Task timed out after 3.00 seconds"}, no type. */
    public static FunctionError timedOut(java.time.Duration timeout) {
        return new FunctionError(String.format(java.util.Locale.ROOT, "Task timed out after %.2f seconds",
                timeout.toMillis() / 1000.0), null, null, null);
    }

    /** This error as the JSON document Lambda returns for it. */
    public byte[] toJson() {
        try {
            return LambdaSerialization.MAPPER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
