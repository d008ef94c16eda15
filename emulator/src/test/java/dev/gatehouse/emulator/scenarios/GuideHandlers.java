package dev.gatehouse.emulator.scenarios;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.UUID;

/**
 * The guide's handlers with their known defects, ported as they were written, to reproduce them: a handler that
 * kept the hard-coded user id, and an update with no condition (an upsert).
 */
public final class GuideHandlers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "notes";

    private GuideHandlers() {
    }

    private static DynamoDbClient dynamo() {
        return DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    private static APIGatewayV2HTTPResponse ok(String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(body).build();
    }

    /** POST: the "secure the API" chapter missed this one: every note goes under user "123". */
    public static final class CreateWithHardCodedUser
            implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            try (DynamoDbClient db = dynamo()) {
                String noteId = UUID.randomUUID().toString();
                JsonNode body = JSON.readTree(event.getBody());
                db.putItem(b -> b.tableName(TABLE).item(Map.of("userId", AttributeValue.fromS("123"),
                        "noteId", AttributeValue.fromS(noteId),
                        "content", AttributeValue.fromS(body.path("content").asText("")))));
                return ok("{\"userId\":\"123\",\"noteId\":\"" + noteId + "\"}");
            } catch (Exception e) {
                return APIGatewayV2HTTPResponse.builder().withStatusCode(500).withBody("{\"error\":\"" + e.getMessage()
                        + "\"}").build();
            }
        }
    }

    /** GET list: the same missed change: lists user "123"'s notes, i.e. everybody's. */
    public static final class ListWithHardCodedUser
            implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            try (DynamoDbClient db = dynamo()) {
                var items = db.query(b -> b.tableName(TABLE).keyConditionExpression("userId = :u")
                        .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("123")))).items();
                StringBuilder out = new StringBuilder("[");
                for (var item : items) {
                    out.append(out.length() == 1 ? "" : ",").append("{\"noteId\":\"").append(item.get("noteId").s())
                            .append("\",\"content\":").append(JSON.getNodeFactory().textNode(item.get("content").s()).toString())
                            .append('}');
                }
                return ok(out.append(']').toString());
            }
        }
    }

    /** PUT: UpdateItem SET content with no condition: creates the item when the caller has no such note. */
    public static final class UpdateWithoutCondition
            implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            String userId = event.getRequestContext().getAuthorizer().getIam().getCognitoIdentity().getIdentityId();
            try (DynamoDbClient db = dynamo()) {
                JsonNode body = JSON.readTree(event.getBody());
                db.updateItem(b -> b.tableName(TABLE)
                        .key(Map.of("userId", AttributeValue.fromS(userId),
                                "noteId", AttributeValue.fromS(event.getPathParameters().get("id"))))
                        .updateExpression("SET content = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(body.path("content").asText("")))));
                return ok("{\"status\":true}");
            } catch (Exception e) {
                return APIGatewayV2HTTPResponse.builder().withStatusCode(500).withBody("{\"error\":\"" + e.getMessage()
                        + "\"}").build();
            }
        }
    }
}
