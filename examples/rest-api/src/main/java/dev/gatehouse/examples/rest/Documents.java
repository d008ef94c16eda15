package dev.gatehouse.examples.rest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The documents resource, owner-scoped: every item is keyed by the caller's identity id
 * ({@code requestContext.identity.cognitoIdentityId}, which API Gateway sets from the verified signature), so a
 * caller reaches only their own documents. {@code POST /documents}, {@code GET /documents},
 * {@code GET|PUT|DELETE /documents/{id}}; the table is named by the {@code TABLE_NAME} setting.
 */
public final class Documents implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final String EXISTS = "attribute_exists(documentId)";
    private final DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder())
            .build();
    private final String table = setting("TABLE_NAME");

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String owner = event.getRequestContext().getIdentity().getCognitoIdentityId();
        String id = event.getPathParameters() == null ? null : event.getPathParameters().get("id");
        return switch (event.getHttpMethod() + " " + event.getResource()) {
            case "POST /documents" -> create(owner, event.getBody());
            case "GET /documents" -> Json.response(200, dynamoDb.query(q -> q.tableName(table)
                    .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", s(owner))))
                    .items().stream().map(Documents::plain).toList());
            case "GET /documents/{id}" -> {
                Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(table).key(key(owner, id))
                        .consistentRead(true)).item();
                yield item == null || item.isEmpty() ? notFound() : Json.response(200, plain(item));
            }
            case "PUT /documents/{id}" -> update(owner, id, event.getBody());
            case "DELETE /documents/{id}" -> {
                try {
                    dynamoDb.deleteItem(d -> d.tableName(table).key(key(owner, id)).conditionExpression(EXISTS));
                    yield Json.response(200, Map.of("status", true));
                } catch (ConditionalCheckFailedException e) {
                    yield notFound();
                }
            }
            default -> Json.error(400, "Unsupported route.");
        };
    }

    private APIGatewayProxyResponseEvent create(String owner, String body) {
        JsonNode input = parse(body);
        if (input == null) {
            return Json.error(400, "The body must be a JSON object with a title and a text.");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("userId", s(owner));
        item.put("documentId", s(UUID.randomUUID().toString()));
        item.put("title", s(input.path("title").asText("")));
        item.put("text", s(input.path("text").asText("")));
        item.put("createdAt", AttributeValue.fromN(String.valueOf(Instant.now().toEpochMilli())));
        dynamoDb.putItem(p -> p.tableName(table).item(item));
        return Json.response(200, plain(item));
    }

    private APIGatewayProxyResponseEvent update(String owner, String id, String body) {
        JsonNode input = parse(body);
        if (input == null) {
            return Json.error(400, "The body must be a JSON object with a title and a text.");
        }
        try {
            dynamoDb.updateItem(u -> u.tableName(table).key(key(owner, id)).conditionExpression(EXISTS)
                    .updateExpression("SET title = :t, #x = :x").expressionAttributeNames(Map.of("#x", "text"))
                    .expressionAttributeValues(Map.of(":t", s(input.path("title").asText("")),
                            ":x", s(input.path("text").asText("")))));
            return Json.response(200, Map.of("status", true));
        } catch (ConditionalCheckFailedException e) {
            return notFound();
        }
    }

    private static APIGatewayProxyResponseEvent notFound() {
        return Json.error(404, "Document not found.");
    }

    private static Map<String, AttributeValue> key(String owner, String id) {
        return Map.of("userId", s(owner), "documentId", s(id));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Map<String, Object> plain(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : List.of("userId", "documentId", "title", "text", "createdAt")) {
            AttributeValue v = item.get(name);
            if (v != null) {
                out.put(name, v.n() != null ? Long.valueOf(v.n()) : v.s());
            }
        }
        return out;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null ? null : Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The environment variable, else the JVM system property of the same name (how Gatehouse sets it in process). */
    private static String setting(String name) {
        String value = System.getenv(name);
        value = value == null || value.isBlank() ? System.getProperty(name) : value;
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Missing setting " + name);
        }
        return value;
    }
}
