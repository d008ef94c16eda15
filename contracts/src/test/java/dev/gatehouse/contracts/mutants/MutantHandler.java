package dev.gatehouse.contracts.mutants;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the planted bugs share: a plausible notes handler, written the way the guide's code is, with one defect each
 * in the subclass. Never wired in by code, only by a configuration that names the class for a route.
 */
abstract class MutantHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final ObjectMapper JSON = new ObjectMapper();

    final DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build();
    final String table = System.getProperty("TABLE_NAME", "notes");

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return handle(event);
        } catch (Exception e) {
            return respond(500, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    abstract APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) throws Exception;

    static String identityId(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext().getAuthorizer().getIam().getCognitoIdentity().getIdentityId();
    }

    static String noteId(APIGatewayV2HTTPEvent event) {
        return event.getPathParameters().get("id");
    }

    static JsonNode body(APIGatewayV2HTTPEvent event) throws Exception {
        return event.getBody() == null ? JSON.createObjectNode() : JSON.readTree(event.getBody());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static Map<String, Object> toJson(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, v.n() != null ? Long.valueOf(v.n()) : v.s()));
        return out;
    }

    static APIGatewayV2HTTPResponse notFound() {
        return respond(404, Map.of("error", "Item not found."));
    }

    static APIGatewayV2HTTPResponse ok(Object body) {
        return respond(200, body);
    }

    static APIGatewayV2HTTPResponse status() {
        return respond(200, Map.of("status", true));
    }

    static APIGatewayV2HTTPResponse respond(int status, Object body) {
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(status);
        r.setHeaders(Map.of("Content-Type", "application/json"));
        try {
            r.setBody(JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return r;
    }

    static List<Map<String, Object>> newestFirst(List<Map<String, AttributeValue>> items) {
        return items.stream().sorted((a, b) -> b.get("createdAt").n().compareTo(a.get("createdAt").n()))
                .map(MutantHandler::toJson).toList();
    }
}
