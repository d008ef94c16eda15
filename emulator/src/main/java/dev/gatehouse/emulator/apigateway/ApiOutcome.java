package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.lambda.Invocation;
import dev.gatehouse.emulator.sigv4.Verdict;

/**
 * What one API call came to, for the response and the record.
 *
 * @param response   what the client gets (without the request id header, which the server adds)
 * @param match      the route, or null when none matched (or a limit refused the request first)
 * @param verdict    the signature's verdict, or null when the route has no IAM authorization or none was reached
 * @param denial     the role policy's denial message when the policy refused the call, else null
 * @param caller     the credentials that verified the signature, or null
 * @param event      the event given to the function, or null when it was not invoked
 * @param invocation the function's invocation, or null when it was not invoked
 * @param eventJson  {@code event} as the JSON handed to the function, or null
 */
public record ApiOutcome(GatewayResponse response, RouteMatch match, Verdict verdict, String denial,
                         Credentials caller, ObjectNode event, Invocation invocation, byte[] eventJson) {

    /** An outcome in which no function was invoked (no event). */
    ApiOutcome(GatewayResponse response, RouteMatch match, Verdict verdict, String denial, Credentials caller) {
        this(response, match, verdict, denial, caller, null, null, null);
    }

    static ApiOutcome refused(GatewayResponse response) {
        return new ApiOutcome(response, null, null, null, null);
    }

    /** The same outcome with another response (e.g. with CORS headers). */
    ApiOutcome withResponse(GatewayResponse other) {
        return new ApiOutcome(other, match, verdict, denial, caller, event, invocation, eventJson);
    }
}
