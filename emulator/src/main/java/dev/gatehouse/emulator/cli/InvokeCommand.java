package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./gatehouse invoke --route KEY --event FILE}: the route's real handler with a captured event. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Runs a route's real handler, in a running Gatehouse (DynamoDB Local behind it), with a payload "
                + "2.0 event given unchanged, e.g. one logged to CloudWatch in production (the file may hold the JSON "
                + "object or a JSON string of it). No gateway and no authorizer: the event's requestContext is "
                + "trusted as is. Prints the HTTP response API Gateway would send; exits 1 unless 2xx.",
                "  ./gatehouse invoke --route 'GET /notes/{id}' --event fixtures/events/get-missing-note-from-cloudwatch.json"})
final class InvokeCommand implements Callable<Integer> {

    @Option(names = "--route", required = true, paramLabel = "KEY", description = "The route key, e.g. "
            + "\"GET /notes/{id}\".")
    String route;

    @Option(names = "--event", required = true, paramLabel = "FILE", description = "The payload 2.0 event.")
    Path event;

    @Option(names = "--raw", description = "Also print the function's raw result.")
    boolean raw;

    @Mixin
    EndpointOptions endpoint;

    @Override
    public Integer call() throws IOException {
        JsonNode parsed;
        try {
            parsed = AdminClient.JSON.readTree(Files.readString(event));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the event " + event + ": " + e.getMessage());
        }
        ObjectNode body = AdminClient.JSON.createObjectNode().put("routeKey", route);
        body.set("event", parsed);
        JsonNode r = new AdminClient(endpoint.endpoint).post("invoke", body.toString());
        var pretty = AdminClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);
        if (raw || !"SUCCESS".equals(r.path("outcome").asText())) {
            System.err.println("function " + r.path("handler").asText() + ": " + r.path("outcome").asText());
            System.err.println(pretty.writeValueAsString(r.path("functionResult")));
        }
        JsonNode response = r.path("response");
        System.out.println(response.path("status").asText());
        String text = response.path("body").asText();
        try {
            JsonNode json = AdminClient.JSON.readTree(text);
            System.out.println(json == null ? "" : pretty.writeValueAsString(json));
        } catch (IOException notJson) {
            System.out.println(text);
        }
        int status = response.path("status").asInt();
        return status >= 200 && status < 300 ? 0 : 1;
    }
}
