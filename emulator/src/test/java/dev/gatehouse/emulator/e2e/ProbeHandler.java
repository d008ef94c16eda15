package dev.gatehouse.emulator.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A Lambda handler that answers the event it was given, byte for byte, as the body of a 200. */
public final class ProbeHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        ObjectNode response = JSON.createObjectNode();
        response.put("statusCode", 200);
        response.putObject("headers").put("content-type", "application/json");
        response.put("body", event);
        output.write(JSON.writeValueAsBytes(response));
    }
}
