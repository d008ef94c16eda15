package dev.gatehouse.examples.rest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code ANY /{proxy+}}: the function of AWS's own Lambda proxy integration example, answering
 * {@code {"message": "Hello <name>!", "input": <the event as received>}}, so the event can be read back as it came.
 */
public final class Hello implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = Json.MAPPER.readTree(input);
        JsonNode name = event.path("queryStringParameters").path("name");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("message", "Hello " + (name.isTextual() ? name.asText() : "World") + "!");
        body.set("input", event);
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("statusCode", 200);
        response.putObject("headers").put("Content-Type", "application/json");
        response.put("body", Json.MAPPER.writeValueAsString(body));
        output.write(Json.MAPPER.writeValueAsBytes(response));
    }
}
