package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.ExecuteApiPolicy;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.sigv4.SigV4Verifier;

import java.util.function.Function;

/**
 * One API call as API Gateway takes it, from the request off the wire to the response: {@link HttpApiPipeline} for an
 * HTTP API (payload 2.0), {@link RestApiPipeline} for a REST API (payload 1.0), chosen by {@code api.type}.
 */
public interface ApiPipeline {

    /** @param requestId Gatehouse's id of the request (the call record's), which the response names */
    ApiOutcome handle(IncomingRequest request, String requestId);

    /** The 413 for a body too large to read at all (the server stops reading it), with the request's id headers. */
    GatewayResponse bodyTooLarge(String requestId);

    /**
     * What a pipeline works with.
     *
     * @param policies the role policy of an identity (null when its role has none)
     */
    record Parts(GatehouseConfig config, RouteTable routes, SigV4Verifier verifier, Functions functions,
                 Function<CognitoIdentity, ExecuteApiPolicy> policies) {
    }

    static ApiPipeline of(Parts parts) {
        return parts.config().api().rest() ? new RestApiPipeline(parts) : new HttpApiPipeline(parts);
    }
}
