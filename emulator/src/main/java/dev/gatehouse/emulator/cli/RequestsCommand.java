package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./gatehouse requests [--user EMAIL] [--status N] [--route KEY]}: the recorded calls, oldest first. */
@Command(name = "requests", mixinStandardHelpOptions = true,
        description = {"Lists the calls a running Gatehouse recorded (API and Cognito), oldest first: request id, "
                + "status, verdict and reason, user. Secrets are masked in the record.",
                "  ./gatehouse requests --status 403",
                "  ./gatehouse explain <request id>"})
final class RequestsCommand implements Callable<Integer> {

    @Option(names = "--user", paramLabel = "EMAIL|IDENTITY_ID", description = "Only this user's calls.")
    String user;

    @Option(names = "--status", paramLabel = "N", description = "Only calls answered with this HTTP status.")
    Integer status;

    @Option(names = "--route", paramLabel = "KEY", description = "Only this route (e.g. \"GET /notes/{id}\") or "
            + "Cognito operation (e.g. InitiateAuth).")
    String route;

    @Option(names = "--json", description = "Print the records as JSON.")
    boolean json;

    @Mixin
    EndpointOptions endpoint;

    @Override
    public Integer call() throws Exception {
        List<String> q = new ArrayList<>();
        if (user != null) {
            q.add("user=" + AdminClient.encode(user));
        }
        if (status != null) {
            q.add("status=" + status);
        }
        if (route != null) {
            q.add("route=" + AdminClient.encode(route));
        }
        JsonNode records = new AdminClient(endpoint.endpoint).get("requests" + (q.isEmpty() ? "" : "?"
                + String.join("&", q)));
        if (json) {
            System.out.println(AdminClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(records));
            return 0;
        }
        System.out.printf("%-24s %-36s %-6s %-" + CALL_WIDTH + "s %-9s %-22s %s%n", "TIME", "REQUEST ID", "STATUS",
                "CALL", "VERDICT", "REASON", "USER");
        for (JsonNode r : records) {
            String call = r.path("kind").asText().equals("api")
                    ? r.path("method").asText() + " " + r.path("path").asText()
                    : r.path("operation").asText();
            String who = r.hasNonNull("user") ? r.get("user").asText() : r.path("identityId").asText("");
            System.out.printf("%-24s %-36s %-6s %-" + CALL_WIDTH + "s %-9s %-22s %s%n", r.path("time").asText(),
                    r.path("requestId").asText(), r.path("status").asText(), fit(call, CALL_WIDTH),
                    r.path("verdict").asText(""),
                    r.path("reason").asText(""), who);
        }
        System.out.println(records.size() + " call(s)");
        return 0;
    }

    /** The CALL column's width: a longer call (a long path) is cut in its middle, so the columns stay aligned. */
    static final int CALL_WIDTH = 34;

    /** {@code text} in at most {@code width} characters: its start and its end, joined by "...". */
    static String fit(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int head = (width - 3) / 2;
        return text.substring(0, head) + "..." + text.substring(text.length() - (width - 3 - head));
    }
}
