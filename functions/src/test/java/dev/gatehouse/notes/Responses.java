package dev.gatehouse.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Assertions on function responses and on what is stored in the table. */
final class Responses {
    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    /** Asserts the status, the JSON and CORS headers, and returns the parsed body. */
    static JsonNode body(APIGatewayV2HTTPResponse response, int expectedStatus) {
        assertEquals(expectedStatus, response.getStatusCode(), () -> "body: " + response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertEquals("*", response.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("true", response.getHeaders().get("Access-Control-Allow-Credentials"));
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertError(APIGatewayV2HTTPResponse response, int expectedStatus, String expectedMessage) {
        JsonNode body = body(response, expectedStatus);
        assertEquals(Map.of("error", expectedMessage), JSON.convertValue(body, Map.class));
    }

    static void assertStatusTrue(APIGatewayV2HTTPResponse response) {
        assertEquals("{\"status\":true}", body(response, 200).toString());
    }

    /** The stored item, read straight from DynamoDB (consistent read); empty map when there is none. */
    static Map<String, AttributeValue> stored(DynamoDbClient dynamoDb, String userId, String noteId) {
        return dynamoDb.getItem(b -> b.tableName(LocalDynamoDb.TABLE).consistentRead(true)
                .key(Map.of("userId", AttributeValue.fromS(userId), "noteId", AttributeValue.fromS(noteId)))).item();
    }
}
