package dev.gatehouse.emulator.lambda.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Java handler for the out-of-process test: what it got, and which process ran it. */
public class JavaEcho implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if ("fail".equals(event.get("message"))) {
            throw new IllegalArgumentException("asked to fail");
        }
        context.getLogger().log("java echo " + event.get("message"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", event.get("message"));
        out.put("pid", ProcessHandle.current().pid());
        out.put("awsRequestId", context.getAwsRequestId());
        out.put("functionName", context.getFunctionName());
        out.put("remaining", context.getRemainingTimeInMillis());
        out.put("handler", System.getenv("_HANDLER"));
        return out;
    }
}
