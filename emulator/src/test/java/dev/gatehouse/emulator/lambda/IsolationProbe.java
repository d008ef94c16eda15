package dev.gatehouse.emulator.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/** A handler that reports where it was loaded from and what it can see; packed into a jar by {@link CodeLocationTest}. */
public class IsolationProbe implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loader", getClass().getClassLoader().getName());
        out.put("function", context.getFunctionName());
        out.put("seesGatehouse", visible("dev.gatehouse.emulator.Gatehouse"));
        out.put("seesJavalin", visible("io.javalin.Javalin"));
        out.put("seesLambdaCore", visible("com.amazonaws.services.lambda.runtime.Context"));
        out.put("seesSdk", visible("software.amazon.awssdk.core.SdkBytes"));
        return out;
    }

    private boolean visible(String name) {
        try {
            Class.forName(name, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
