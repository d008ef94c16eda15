package dev.gatehouse.notes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Reads what the notes functions need from a payload 2.0 event; tolerates omitted and null fields alike. */
final class ApiEvent {
    private final APIGatewayV2HTTPEvent event;

    ApiEvent(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /**
     * The caller: {@code requestContext.authorizer.iam.cognitoIdentity.identityId}, set by API Gateway from the
     * credentials that signed the request. Never taken from the body, a header or the query.
     */
    Optional<String> identityId() {
        return Optional.ofNullable(event)
                .map(APIGatewayV2HTTPEvent::getRequestContext)
                .map(RequestContext::getAuthorizer)
                .map(RequestContext.Authorizer::getIam)
                .map(RequestContext.IAM::getCognitoIdentity)
                .map(RequestContext.CognitoIdentity::getIdentityId)
                .filter(id -> !id.isBlank());
    }

    /** The request id API Gateway gave this request, for logs; {@code "-"} when absent. */
    String requestId() {
        return Optional.ofNullable(event)
                .map(APIGatewayV2HTTPEvent::getRequestContext)
                .map(RequestContext::getRequestId)
                .orElse("-");
    }

    /** The body as text (base64-decoded when {@code isBase64Encoded}); empty when there is none. */
    Optional<String> body() {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        if (event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("Request body is marked isBase64Encoded but is not valid base64");
            }
        }
        return body.isBlank() ? Optional.empty() : Optional.of(body);
    }

    /** A path parameter of the route ({@code {id}}), which must be present and not blank. */
    String pathParameter(String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new BadRequest("Missing path parameter: " + name);
        }
        return value;
    }
}
