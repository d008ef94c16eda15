package dev.gatehouse.emulator.lambda;

import java.time.Duration;

/** A function ready to be invoked: in process ({@link LambdaFunction}) or in execution environment processes. */
public interface RunningFunction extends AutoCloseable {
    FunctionConfiguration configuration();

    /** Prepares the function (loads the handler, or starts one execution environment) unless done. */
    void warm();

    /** Runs the function on the event JSON, at most {@code timeout}. */
    Invocation invoke(byte[] event, Duration timeout);

    @Override
    void close();
}
