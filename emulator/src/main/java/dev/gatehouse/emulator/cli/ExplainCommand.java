package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code ./gatehouse explain ID}: why a recorded call was refused, in plain words, with the signature details. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explains a recorded call: the auth verdict and the most likely cause in plain words; for a "
                + "refused signature, what the client declared and the CanonicalRequest and StringToSign Gatehouse "
                + "expected. The request id is in the apigw-requestid (or x-amzn-RequestId) response header and in "
                + "./gatehouse requests.",
                "  ./gatehouse explain 7d1f0c2e-..."})
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REQUEST_ID")
    String requestId;

    @Mixin
    EndpointOptions endpoint;

    @Override
    public Integer call() {
        JsonNode r = new AdminClient(endpoint.endpoint).get("requests/" + AdminClient.encode(requestId) + "/explain");
        System.out.print(r.path("text").asText());
        return 0;
    }
}
