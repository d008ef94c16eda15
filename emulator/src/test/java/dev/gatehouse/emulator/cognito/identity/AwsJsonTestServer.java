package dev.gatehouse.emulator.cognito.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.awsjson.AwsJsonCall;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.awsjson.AwsJsonService;
import io.javalin.Javalin;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A minimal awsJson1.1 endpoint for one service, on 127.0.0.1 and a port from the OS (the real dispatcher is the lead's). */
final class AwsJsonTestServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Javalin app;

    AwsJsonTestServer(AwsJsonService service) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/", ctx -> handle(service, ctx));
        }).start("127.0.0.1", 0);
    }

    private static void handle(AwsJsonService service, io.javalin.http.Context ctx) throws Exception {
        String requestId = UUID.randomUUID().toString();
        ctx.header("x-amzn-RequestId", requestId);
        ctx.contentType("application/x-amz-json-1.1");
        String target = ctx.header("X-Amz-Target");
        try {
            if (target == null || !target.startsWith(service.targetPrefix() + ".")) {
                throw new AwsJsonError("UnknownOperationException", "Unknown target " + target);
            }
            JsonNode input = MAPPER.readTree(ctx.body().isEmpty() ? "{}" : ctx.body());
            if (input == null || !input.isObject()) {
                throw new AwsJsonError("SerializationException", "Expected a JSON object");
            }
            Object out = service.handle(target.substring(service.targetPrefix().length() + 1), input,
                    new AwsJsonCall(requestId, Optional.empty(), ctx.ip()));
            ctx.result(MAPPER.writeValueAsString(out));
        } catch (AwsJsonError e) {
            ctx.status(e.status());
            ctx.header("x-amzn-ErrorType", e.type() + ":");
            ctx.header("x-amzn-ErrorMessage", e.getMessage());
            ctx.result(MAPPER.writeValueAsString(Map.of("__type", e.type(), "message", e.getMessage())));
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    @Override
    public void close() {
        app.stop();
    }
}
