package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.sigv4.Verdict;

/** A refused signature's diagnostics as recorded: what Gatehouse expected and what the client declared. */
final class Diagnostics {
    private Diagnostics() {
    }

    static JsonNode of(Verdict.Refused refused) {
        ObjectNode n = AwsJsonEndpoint.JSON.createObjectNode();
        n.put("errorType", refused.errorType());
        n.put("awsMessage", refused.awsMessage());
        n.put("explanation", refused.explanation());
        if (refused.expectedCanonicalRequest() != null) {
            n.put("expectedCanonicalRequest", refused.expectedCanonicalRequest());
            n.put("expectedStringToSign", refused.expectedStringToSign());
        }
        return n;
    }
}
