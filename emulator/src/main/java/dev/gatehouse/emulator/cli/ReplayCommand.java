package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code ./gatehouse replay ID [--resign]}: sends a recorded API call again. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Sends a recorded API call again through the gateway, the authorizer and the handler. By "
                + "default byte for byte, with Gatehouse's clock stopped at the call's original time for that request "
                + "only; with --resign, re-signed now as the same identity with fresh credentials. Prints the status "
                + "and the body; exits 1 unless 2xx. Only the last 500 API calls with bodies up to 1 MB (32 MB in all) are kept "
                + "for replay, in memory.",
                "  ./gatehouse replay 7d1f0c2e-... --resign"})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REQUEST_ID")
    String requestId;

    @Option(names = "--resign", description = "Re-sign as the same identity with fresh credentials, now.")
    boolean resign;

    @Mixin
    EndpointOptions endpoint;

    @Override
    public Integer call() throws Exception {
        JsonNode r = new AdminClient(endpoint.endpoint).post("replay/" + AdminClient.encode(requestId) + "?mode="
                + (resign ? "resign" : "original"), "");
        System.out.println(r.path("status").asText() + "  (replay " + r.path("requestId").asText() + " of "
                + requestId + ", " + r.path("mode").asText() + ")");
        if (r.hasNonNull("explanation")) {
            System.out.println(r.path("reason").asText() + ": " + r.get("explanation").asText());
        }
        System.out.println(AdminClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(r.path("body")));
        int status = r.path("status").asInt();
        return status >= 200 && status < 300 ? 0 : 1;
    }
}
