package dev.gatehouse.notes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Payload 2.0 events as API Gateway builds them for an AWS_IAM route called with identity pool credentials. */
final class Events {
    private Events() {
    }

    /** A fresh identity id per test, in the identity pool's format, so tests isolate by data. */
    static String newIdentityId() {
        return "us-east-1:" + UUID.randomUUID();
    }

    static APIGatewayV2HTTPEvent event(String identityId, String routeKey, String noteId, String body) {
        RequestContext.CognitoIdentity cognito = identityId == null ? null : RequestContext.CognitoIdentity.builder()
                .withIdentityId(identityId)
                .withIdentityPoolId("us-east-1:4f2b1c3e-0000-4000-8000-000000000001")
                .withAmr(List.of("authenticated", "cognito-idp.us-east-1.amazonaws.com/us-east-1_Gatehouse",
                        "cognito-idp.us-east-1.amazonaws.com/us-east-1_Gatehouse:CognitoSignIn:sub"))
                .build();
        RequestContext.IAM iam = RequestContext.IAM.builder()
                .withAccessKey("ASIAEXAMPLE")
                .withAccountId("123456789012")
                .withCallerId("AROAEXAMPLE:CognitoIdentityCredentials")
                .withUserId("AROAEXAMPLE:CognitoIdentityCredentials")
                .withUserArn("arn:aws:sts::123456789012:assumed-role/AuthRole/CognitoIdentityCredentials")
                .withCognitoIdentity(cognito)
                .build();
        RequestContext context = RequestContext.builder()
                .withRouteKey(routeKey)
                .withRequestId("req-" + UUID.randomUUID())
                .withAuthorizer(RequestContext.Authorizer.builder().withIam(iam).build())
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withPathParameters(noteId == null ? null : Map.of("id", noteId))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(context)
                .build();
    }

    static APIGatewayV2HTTPEvent create(String identityId, String body) {
        return event(identityId, "POST /notes", null, body);
    }

    static APIGatewayV2HTTPEvent get(String identityId, String noteId) {
        return event(identityId, "GET /notes/{id}", noteId, null);
    }

    static APIGatewayV2HTTPEvent list(String identityId) {
        return event(identityId, "GET /notes", null, null);
    }

    static APIGatewayV2HTTPEvent update(String identityId, String noteId, String body) {
        return event(identityId, "PUT /notes/{id}", noteId, body);
    }

    static APIGatewayV2HTTPEvent delete(String identityId, String noteId) {
        return event(identityId, "DELETE /notes/{id}", noteId, null);
    }
}
