package dev.gatehouse.examples.rest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /whoami}: the caller as API Gateway's REST API reports it to a Lambda proxy integration, read through
 * {@code aws-lambda-java-events}' {@link APIGatewayProxyRequestEvent}, as a handler on AWS reads it.
 */
public final class WhoAmI implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        APIGatewayProxyRequestEvent.ProxyRequestContext request = event.getRequestContext();
        APIGatewayProxyRequestEvent.RequestIdentity identity = request.getIdentity();
        Map<String, Object> caller = new LinkedHashMap<>();
        caller.put("identityId", identity.getCognitoIdentityId());
        caller.put("identityPoolId", identity.getCognitoIdentityPoolId());
        caller.put("authenticationType", identity.getCognitoAuthenticationType());
        caller.put("authenticationProvider", identity.getCognitoAuthenticationProvider());
        caller.put("caller", identity.getCaller());
        caller.put("userArn", identity.getUserArn());
        caller.put("accessKey", identity.getAccessKey());
        caller.put("stage", request.getStage());
        caller.put("path", request.getPath());
        caller.put("resource", event.getResource());
        return Json.response(200, caller);
    }
}
