package dev.gatehouse.emulator.console;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** A handler that logs through its Lambda logger, including the session token it received (as careless code does). */
public final class LoggingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> headers = (Map<String, Object>) event.get("headers");
        context.getLogger().log("handling " + event.get("rawPath"));
        context.getLogger().log("token was " + headers.get("x-amz-security-token"));
        return Map.of("statusCode", 200, "body", "{\"logged\":2}");
    }
}
