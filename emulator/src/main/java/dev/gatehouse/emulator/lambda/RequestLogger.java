package dev.gatehouse.emulator.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Context's logger: each line goes to SLF4J (logger {@code lambda.<function>}) prefixed with the request id, and
 * is kept for the call record (the first {@value #MAX_LINES} lines, each cut at {@value #MAX_LINE_CHARS} characters).
 */
final class RequestLogger implements LambdaLogger {
    static final int MAX_LINES = 200;
    static final int MAX_LINE_CHARS = 4_000;

    private final Logger log;
    private final String awsRequestId;
    private final List<String> lines = new ArrayList<>();
    private int dropped;

    RequestLogger(String functionName, String awsRequestId) {
        this.log = LoggerFactory.getLogger("lambda." + functionName);
        this.awsRequestId = awsRequestId;
    }

    @Override
    public void log(String message) {
        String line = message == null ? "null" : message.stripTrailing();
        log.info("{} {}", awsRequestId, line);
        synchronized (lines) {
            if (lines.size() < MAX_LINES) {
                lines.add(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line);
            } else {
                dropped++;
            }
        }
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    /** The lines logged so far, with a last line saying how many were left out. */
    List<String> lines() {
        synchronized (lines) {
            List<String> out = new ArrayList<>(lines);
            if (dropped > 0) {
                out.add("(" + dropped + " more lines not kept)");
            }
            return out;
        }
    }
}
