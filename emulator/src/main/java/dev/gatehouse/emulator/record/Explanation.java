package dev.gatehouse.emulator.record;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A recorded call explained in plain words: the verdict and the most likely cause; for a refused signature, what the
 * client declared and the CanonicalRequest and StringToSign Gatehouse expected. One text for {@code ./gatehouse
 * explain} and the console (both read it from {@code GET /_gatehouse/requests/ID/explain}).
 */
public final class Explanation {

    private Explanation() {
    }

    /** The explanation of a call record, as its JSON ({@code GET /_gatehouse/requests/ID}). */
    public static String of(CallRecord record) {
        try { // its JSON text, parsed: valueToTree would keep the record's JSON texts as raw values, not as trees
            return text(CallLog.JSON.readTree(CallLog.json(record)));
        } catch (java.io.IOException e) { // CallLog.json wrote it just above
            throw new IllegalStateException(e);
        }
    }

    /** The explanation of a call record's JSON. */
    public static String text(JsonNode r) {
        StringBuilder out = new StringBuilder();
        String call = r.path("kind").asText().equals("api")
                ? r.path("method").asText() + " " + r.path("path").asText()
                  + (r.path("request").hasNonNull("rawQuery") ? "?" + r.path("request").get("rawQuery").asText() : "")
                : r.path("kind").asText() + " " + r.path("operation").asText();
        line(out, "Request", r.path("requestId").asText() + " at " + r.path("time").asText());
        line(out, "Call", call);
        if (r.hasNonNull("operation") && r.path("kind").asText().equals("api")) {
            line(out, "Route", r.get("operation").asText());
        }
        line(out, "Status", r.path("status").asText()
                + (r.hasNonNull("errorType") ? " " + r.get("errorType").asText() : ""));
        String who = r.hasNonNull("user") ? r.get("user").asText() : null;
        if (r.hasNonNull("identityId")) {
            who = (who == null ? "" : who + ", ") + "identity " + r.get("identityId").asText();
        }
        if (who != null) {
            line(out, "Caller", who);
        }
        line(out, "Verdict", r.path("verdict").asText("(route not reached)")
                + (r.hasNonNull("reason") ? " (" + r.get("reason").asText() + ")" : ""));
        if (r.hasNonNull("explanation")) {
            out.append("\nMost likely cause:\n  ").append(r.get("explanation").asText()).append('\n');
        } else if ("accepted".equals(r.path("verdict").asText()) || "none".equals(r.path("verdict").asText())) {
            out.append("\nThe authorizer let this call through")
                    .append(r.path("invoked").asBoolean() ? "; the handler ran and answered " : "; answered ")
                    .append(r.path("status").asText()).append(".\n");
        } else if (r.path("status").asInt() == 404 && !r.hasNonNull("operation")) {
            out.append("\nNo route matches ").append(call)
                    .append(": check the path (a leading '/', no trailing '/', no stage prefix on an HTTP API).\n");
        }
        JsonNode d = r.path("diagnostics");
        JsonNode declared = d.path("declared");
        if (!declared.isMissingNode()) {
            out.append("\nWhat the client declared:\n");
            line(out, "  Signature in", declared.path("location").asText());
            line(out, "  Access key", declared.path("accessKeyId").asText());
            line(out, "  Scope", declared.path("credentialScope").asText());
            line(out, "  Date", declared.path("requestDate").asText());
            StringBuilder names = new StringBuilder();
            declared.path("signedHeaders").forEach(h -> names.append(names.length() == 0 ? "" : ";").append(h.asText()));
            line(out, "  SignedHeaders", names.toString());
        }
        if (d.hasNonNull("expectedCanonicalRequest")) {
            out.append("\nThe CanonicalRequest Gatehouse expected:\n").append(indent(d.get("expectedCanonicalRequest")
                    .asText())).append("\nThe StringToSign Gatehouse expected:\n")
                    .append(indent(d.path("expectedStringToSign").asText()));
        }
        if (d.path("clientSignatureMatches").asBoolean(false)) {
            out.append("\nThe CanonicalRequest the client signed (its signature matches this one):\n")
                    .append(indent(d.path("clientCanonicalRequest").asText()));
        }
        if (d.hasNonNull("awsMessage")) {
            out.append("\nAWS's message: ").append(d.get("awsMessage").asText().lines().findFirst().orElse(""))
                    .append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-16s %s%n", label + ":", value));
    }

    private static String indent(String text) {
        StringBuilder b = new StringBuilder();
        text.lines().forEach(l -> b.append("  ").append(l).append('\n'));
        return b.toString();
    }
}
