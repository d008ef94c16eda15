package dev.gatehouse.notes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The notes table: partition key {@code userId}, sort key {@code noteId}, both strings. Every call is scoped to one
 * user's key, and writes to an existing note are conditional, so a missing or foreign note is never created.
 */
final class NotesTable {
    /** DynamoDB's limit for a sort key value; a longer id cannot name a stored note. */
    private static final int MAX_SORT_KEY_BYTES = 1024;
    private static final String NOTE_EXISTS = "attribute_exists(noteId)";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    NotesTable(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * The table named by the {@code TABLE_NAME} setting, through a client with the SDK's default configuration:
     * region and endpoint come from the SDK's standard settings ({@code AWS_REGION} / {@code aws.region},
     * {@code AWS_ENDPOINT_URL_DYNAMODB} / {@code aws.endpointUrlDynamoDb}), credentials from the default chain, and
     * the HTTP client from the SDK's default discovery: on Lambda the Apache client, the only one this module's jar
     * carries (its pom leaves the others out), as when it was named here.
     */
    static NotesTable fromEnvironment() {
        String tableName = Environment.require("TABLE_NAME");
        DynamoDbClient client = DynamoDbClient.builder().build();
        return new NotesTable(client, tableName);
    }

    void put(Map<String, AttributeValue> item) {
        dynamoDb.putItem(b -> b.tableName(tableName).item(item));
    }

    Optional<Map<String, AttributeValue>> get(String userId, String noteId) {
        if (!isPossibleNoteId(noteId)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(key(userId, noteId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Every note of {@code userId}, following LastEvaluatedKey through all pages, in key order. */
    List<Map<String, AttributeValue>> list(String userId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(tableName)
                    .keyConditionExpression("userId = :userId")
                    .expressionAttributeValues(Map.of(":userId", s(userId)))
                    .consistentRead(true);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse page = dynamoDb.query(request.build());
            items.addAll(page.items());
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return items;
    }

    /**
     * Sets content and attachment of the caller's existing note; a {@code null} field is removed.
     * @return false when the note does not exist under {@code userId} (nothing was written)
     */
    boolean update(String userId, String noteId, NoteBody note) {
        if (!isPossibleNoteId(noteId)) {
            return false;
        }
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        assign("content", note.content(), set, remove, values);
        assign("attachment", note.attachment(), set, remove, values);
        String expression = (set.isEmpty() ? "" : "SET " + String.join(", ", set) + " ")
                + (remove.isEmpty() ? "" : "REMOVE " + String.join(", ", remove));
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key(userId, noteId))
                    .updateExpression(expression.trim())
                    .conditionExpression(NOTE_EXISTS)
                    .expressionAttributeValues(values.isEmpty() ? null : values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** @return false when the note does not exist under {@code userId} (nothing was deleted) */
    boolean delete(String userId, String noteId) {
        if (!isPossibleNoteId(noteId)) {
            return false;
        }
        try {
            dynamoDb.deleteItem(b -> b.tableName(tableName).key(key(userId, noteId)).conditionExpression(NOTE_EXISTS));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static void assign(String attribute, String value, List<String> set, List<String> remove,
                               Map<String, AttributeValue> values) {
        if (value == null) {
            remove.add(attribute);
        } else {
            set.add(attribute + " = :" + attribute);
            values.put(":" + attribute, s(value));
        }
    }

    private static boolean isPossibleNoteId(String noteId) {
        return noteId.getBytes(StandardCharsets.UTF_8).length <= MAX_SORT_KEY_BYTES;
    }

    private static Map<String, AttributeValue> key(String userId, String noteId) {
        return Map.of("userId", s(userId), "noteId", s(noteId));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
