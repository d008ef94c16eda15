package dev.gatehouse.bookmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The bookmarks API's handlers (payload format 2.0), one method per route; each caller's bookmarks are keyed by their
 * Cognito identity id, which API Gateway's IAM authorizer puts in the event. Knows nothing of Gatehouse: deployable to
 * Lambda as it is, with {@code TABLE_NAME} and {@code URL_INDEX} from the template.
 */
public final class Bookmarks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String urlIndex;

    public Bookmarks() {
        this(DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build(), setting("TABLE_NAME"),
                setting("URL_INDEX"));
    }

    Bookmarks(DynamoDbClient dynamoDb, String table, String urlIndex) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.urlIndex = urlIndex;
    }

    /** An environment variable, else the JVM system property of the same name. */
    static String setting(String name) {
        String value = Optional.ofNullable(System.getenv(name)).orElse(System.getProperty(name));
        if (value == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    /** {@code POST /bookmarks {"url", "title"}}: 201 with the stored bookmark. */
    public APIGatewayV2HTTPResponse create(APIGatewayV2HTTPEvent event, Context context) {
        return asCaller(event, userId -> {
            JsonNode body = body(event);
            String url = body.path("url").asText("");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                return reply(400, JSON.createObjectNode().put("error", "url must start with http:// or https://"));
            }
            String id = UUID.randomUUID().toString();
            Map<String, AttributeValue> item = Map.of("userId", s(userId), "bookmarkId", s(id), "url", s(url),
                    "title", s(body.path("title").asText(url)),
                    "createdAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis())));
            dynamoDb.putItem(p -> p.tableName(table).item(item));
            return reply(201, json(item));
        });
    }

    /** {@code GET /bookmarks}: the caller's bookmarks. */
    public APIGatewayV2HTTPResponse list(APIGatewayV2HTTPEvent event, Context context) {
        return asCaller(event, userId -> {
            ArrayNode out = JSON.createArrayNode();
            dynamoDb.queryPaginator(q -> q.tableName(table).keyConditionExpression("userId = :u")
                    .expressionAttributeValues(Map.of(":u", s(userId)))).items().forEach(i -> out.add(json(i)));
            return reply(200, out);
        });
    }

    /** {@code GET /bookmarks/{id}}: 404 when it does not exist or is someone else's. */
    public APIGatewayV2HTTPResponse get(APIGatewayV2HTTPEvent event, Context context) {
        return asCaller(event, userId -> {
            Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(table)
                    .key(Map.of("userId", s(userId), "bookmarkId", s(pathId(event))))).item();
            return item == null || item.isEmpty() ? notFound() : reply(200, json(item));
        });
    }

    /** {@code DELETE /bookmarks/{id}}: 204, or 404 when it does not exist or is someone else's. */
    public APIGatewayV2HTTPResponse delete(APIGatewayV2HTTPEvent event, Context context) {
        return asCaller(event, userId -> {
            try {
                dynamoDb.deleteItem(d -> d.tableName(table).key(Map.of("userId", s(userId), "bookmarkId",
                        s(pathId(event)))).conditionExpression("attribute_exists(bookmarkId)"));
                return APIGatewayV2HTTPResponse.builder().withStatusCode(204).build();
            } catch (ConditionalCheckFailedException e) {
                return notFound();
            }
        });
    }

    /** {@code GET /bookmarks/search?url=...}: the caller's bookmarks of that URL, through the table's URL index. */
    public APIGatewayV2HTTPResponse search(APIGatewayV2HTTPEvent event, Context context) {
        return asCaller(event, userId -> {
            String url = Optional.ofNullable(event.getQueryStringParameters()).map(q -> q.get("url")).orElse("");
            ArrayNode out = JSON.createArrayNode();
            dynamoDb.queryPaginator(q -> q.tableName(table).indexName(urlIndex)
                    .keyConditionExpression("#url = :url").filterExpression("userId = :u")
                    .expressionAttributeNames(Map.of("#url", "url"))
                    .expressionAttributeValues(Map.of(":url", s(url), ":u", s(userId))))
                    .items().forEach(i -> out.add(json(i)));
            return reply(200, out);
        });
    }

    private interface Work {
        APIGatewayV2HTTPResponse handle(String userId);
    }

    /** The caller's identity id from the IAM authorizer's context; 401 without one. */
    private static APIGatewayV2HTTPResponse asCaller(APIGatewayV2HTTPEvent event, Work work) {
        String userId = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getIam)
                .map(APIGatewayV2HTTPEvent.RequestContext.IAM::getCognitoIdentity)
                .map(APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity::getIdentityId)
                .orElse(null);
        if (userId == null) {
            return reply(401, JSON.createObjectNode().put("error", "no caller identity: the route needs AWS_IAM"));
        }
        return work.handle(userId);
    }

    private static String pathId(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getPathParameters()).map(p -> p.get("id")).orElse("");
    }

    private static JsonNode body(APIGatewayV2HTTPEvent event) {
        try {
            String text = event.getBody() == null ? "{}" : event.getIsBase64Encoded()
                    ? new String(java.util.Base64.getDecoder().decode(event.getBody()), java.nio.charset.StandardCharsets.UTF_8)
                    : event.getBody();
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static ObjectNode json(Map<String, AttributeValue> item) {
        ObjectNode out = JSON.createObjectNode();
        for (String field : List.of("bookmarkId", "userId", "url", "title")) {
            if (item.containsKey(field)) {
                out.put(field, item.get(field).s());
            }
        }
        if (item.containsKey("createdAt")) {
            out.put("createdAt", Long.parseLong(item.get("createdAt").n()));
        }
        return out;
    }

    private static APIGatewayV2HTTPResponse notFound() {
        return reply(404, JSON.createObjectNode().put("error", "bookmark not found"));
    }

    private static APIGatewayV2HTTPResponse reply(int status, JsonNode body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody(body.toString()).build();
    }
}
