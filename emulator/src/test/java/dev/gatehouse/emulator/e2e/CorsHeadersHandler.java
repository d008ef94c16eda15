package dev.gatehouse.emulator.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A function that sets CORS headers of its own (which API Gateway ignores when the API has CORS configured). */
public final class CorsHeadersHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\","
                + "\"access-control-allow-origin\":\"https://evil.example\",\"access-control-allow-credentials\":"
                + "\"false\",\"x-request-id\":\"r-1\"},\"body\":\"{\\\"ok\\\":true}\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
