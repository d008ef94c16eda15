package dev.gatehouse.notes;

import static dev.gatehouse.notes.Responses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** More than 1 MB of notes: Query pages, and the list still answers every note, newest first by createdAt. */
@ExtendWith(WithDynamoDbLocal.class)
class ListNotesPagingTest {
    private static final int NOTES = 30;
    private static final String CONTENT = "n".repeat(40 * 1024);

    @Test
    void list_follows_every_page_and_sorts_newest_first() {
        String user = Events.newIdentityId();
        String other = Events.newIdentityId();
        List<Long> createdAts = new ArrayList<>();
        for (int i = 0; i < NOTES; i++) {
            createdAts.add(1_700_000_000_000L + i * 1000L);
        }
        Collections.shuffle(createdAts, new Random(7));
        List<String> expectedOrder = new ArrayList<>();
        try (DynamoDbClient dynamoDb = LocalDynamoDb.client()) {
            Map<Long, String> byCreatedAt = new java.util.TreeMap<>(Collections.reverseOrder());
            for (long createdAt : createdAts) {
                String noteId = UUID.randomUUID().toString();
                byCreatedAt.put(createdAt, noteId);
                put(dynamoDb, user, noteId, createdAt);
                put(dynamoDb, other, UUID.randomUUID().toString(), createdAt);
            }
            expectedOrder.addAll(byCreatedAt.values());

            QueryResponse firstPage = dynamoDb.query(b -> b.tableName(LocalDynamoDb.TABLE)
                    .keyConditionExpression("userId = :u")
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(user))));
            assertTrue(firstPage.hasLastEvaluatedKey() && !firstPage.lastEvaluatedKey().isEmpty()
                    && firstPage.count() < NOTES, "the query of " + NOTES + " notes must page");
        }

        JsonNode list = body(new ListNotes().handleRequest(Events.list(user), null), 200);

        List<String> listed = new ArrayList<>();
        list.forEach(note -> {
            assertEquals(user, note.get("userId").asText());
            assertEquals(CONTENT, note.get("content").asText());
            listed.add(note.get("noteId").asText());
        });
        assertEquals(expectedOrder, listed);
    }

    private static void put(DynamoDbClient dynamoDb, String user, String noteId, long createdAt) {
        dynamoDb.putItem(b -> b.tableName(LocalDynamoDb.TABLE).item(Map.of(
                "userId", AttributeValue.fromS(user),
                "noteId", AttributeValue.fromS(noteId),
                "content", AttributeValue.fromS(CONTENT),
                "createdAt", AttributeValue.fromN(Long.toString(createdAt)))));
    }
}
