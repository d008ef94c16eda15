package dev.gatehouse.notes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every notes function does around its own work: find the caller (401 without one), answer bad input with 400,
 * and anything unexpected with 500, logged with the request id (to the Lambda logger of the Context when there is
 * one, else to SLF4J).
 */
final class Invocation {
    private static final Logger LOG = LoggerFactory.getLogger(Invocation.class);

    /** One function's work for an identified caller. */
    @FunctionalInterface
    interface Work {
        APIGatewayV2HTTPResponse handle(ApiEvent event, String userId);
    }

    private Invocation() {
    }

    static APIGatewayV2HTTPResponse run(APIGatewayV2HTTPEvent event, Context context, Work work) {
        ApiEvent request = new ApiEvent(event);
        try {
            Optional<String> userId = request.identityId();
            if (userId.isEmpty()) {
                return ApiResponses.error(401, "No caller identity in the event "
                        + "(requestContext.authorizer.iam.cognitoIdentity.identityId): the route must use AWS_IAM "
                        + "authorization with Cognito identity pool credentials");
            }
            return work.handle(request, userId.get());
        } catch (BadRequest e) {
            return ApiResponses.error(400, e.getMessage());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            String line = "Request " + request.requestId() + " (Lambda request "
                    + (context == null ? "-" : context.getAwsRequestId()) + ") failed";
            if (context != null && context.getLogger() != null) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                context.getLogger().log(line + ": " + trace);
            } else {
                LOG.error(line, e);
            }
            return ApiResponses.error(500, message);
        }
    }
}
