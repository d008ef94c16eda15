package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code ./gatehouse messages EMAIL}: the codes the user pool would have sent to an address, newest first. */
@Command(name = "messages", mixinStandardHelpOptions = true,
        description = {"Lists what a running Gatehouse's user pool would have sent to an address (sign-up, resend, "
                + "forgot-password, attribute verification and admin reset codes), newest first.",
                "  ./gatehouse messages alice@example.com",
                "  ./gatehouse messages alice@example.com --latest     # only the newest code"})
final class MessagesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EMAIL", description = "The address.")
    String email;

    @Option(names = "--latest", description = "Print only the newest code (nothing else), e.g. for a script.")
    boolean latest;

    @Option(names = "--json", description = "Print the messages as JSON.")
    boolean json;

    @Mixin
    EndpointOptions endpoint;

    @Override
    public Integer call() throws Exception {
        JsonNode messages = new AdminClient(endpoint.endpoint).get("messages?to=" + AdminClient.encode(email));
        if (latest) {
            if (messages.isEmpty()) {
                System.err.println("gatehouse: no message to " + email);
                return 1;
            }
            System.out.println(messages.get(0).path("code").asText());
            return 0;
        }
        if (json) {
            System.out.println(AdminClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(messages));
            return 0;
        }
        System.out.print(table(messages));
        System.out.println(messages.size() + " message(s) to " + email);
        return 0;
    }

    /** SENT AT, KIND, CODE, TO: each column as wide as its widest cell, so the columns line up whatever the values. */
    static String table(JsonNode messages) {
        String[] header = {"SENT AT", "KIND", "CODE", "TO"};
        String[] fields = {"sentAt", "kind", "code", "to"};
        java.util.List<String[]> rows = new java.util.ArrayList<>();
        rows.add(header);
        for (JsonNode m : messages) {
            String[] row = new String[fields.length];
            for (int i = 0; i < fields.length; i++) {
                row[i] = m.path(fields[i]).asText();
            }
            rows.add(row);
        }
        int[] width = new int[fields.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                out.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
            }
            out.append(row[row.length - 1]).append(System.lineSeparator());
        }
        return out.toString();
    }
}
