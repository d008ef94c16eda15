package dev.gatehouse.emulator.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/** The Context's logger: each line goes to SLF4J (logger {@code lambda.<function>}) prefixed with the request id. */
final class RequestLogger implements LambdaLogger {
    private final Logger log;
    private final String awsRequestId;

    RequestLogger(String functionName, String awsRequestId) {
        this.log = LoggerFactory.getLogger("lambda." + functionName);
        this.awsRequestId = awsRequestId;
    }

    @Override
    public void log(String message) {
        log.info("{} {}", awsRequestId, message == null ? "null" : message.stripTrailing());
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
