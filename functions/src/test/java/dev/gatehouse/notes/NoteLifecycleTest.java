package dev.gatehouse.notes;

import static dev.gatehouse.notes.Responses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Create, get, list, update and delete of the caller's own notes, checked against what DynamoDB Local stores. */
@ExtendWith(WithDynamoDbLocal.class)
class NoteLifecycleTest {
    private static DynamoDbClient dynamoDb;
    private final String user = Events.newIdentityId();

    @BeforeAll
    static void client() {
        dynamoDb = LocalDynamoDb.client();
    }

    @AfterAll
    static void close() {
        dynamoDb.close();
    }

    @Test
    void create_stores_the_note_and_answers_with_the_stored_item() {
        long before = System.currentTimeMillis();
        JsonNode note = body(new CreateNote().handleRequest(
                Events.create(user, "{\"content\":\"hello\",\"attachment\":\"a.png\"}"), new TestContext()), 200);

        assertEquals(user, note.get("userId").asText());
        UUID.fromString(note.get("noteId").asText());
        assertEquals("hello", note.get("content").asText());
        assertEquals("a.png", note.get("attachment").asText());
        assertTrue(note.get("createdAt").isIntegralNumber(), "createdAt is a JSON number");
        assertTrue(note.get("createdAt").asLong() >= before);
        Map<String, AttributeValue> stored = Responses.stored(dynamoDb, user, note.get("noteId").asText());
        assertEquals("hello", stored.get("content").s());
        assertEquals("a.png", stored.get("attachment").s());
        assertEquals(note.get("createdAt").asText(), stored.get("createdAt").n());
    }

    @Test
    void create_without_a_body_stores_the_guides_defaults() {
        JsonNode note = body(new CreateNote().handleRequest(Events.create(user, null), null), 200);
        assertEquals("", note.get("content").asText());
        assertEquals("", note.get("attachment").asText());
    }

    @Test
    void a_field_left_out_is_not_stored() {
        JsonNode note = body(new CreateNote().handleRequest(Events.create(user, "{\"content\":\"x\"}"), null), 200);
        assertFalse(note.has("attachment"));
        assertFalse(Responses.stored(dynamoDb, user, note.get("noteId").asText()).containsKey("attachment"));
    }

    @Test
    void the_owner_comes_from_the_event_never_from_the_body() {
        JsonNode note = body(new CreateNote().handleRequest(
                Events.create(user, "{\"content\":\"x\",\"userId\":\"us-east-1:someone-else\"}"), null), 200);
        assertEquals(user, note.get("userId").asText());
        assertFalse(Responses.stored(dynamoDb, user, note.get("noteId").asText()).isEmpty());
    }

    @Test
    void get_answers_the_callers_note() {
        JsonNode created = body(new CreateNote().handleRequest(Events.create(user, "{\"content\":\"mine\"}"), null), 200);
        JsonNode got = body(new GetNote().handleRequest(Events.get(user, created.get("noteId").asText()), null), 200);
        assertEquals(created, got);
    }

    @Test
    void update_replaces_content_and_removes_a_field_left_out() {
        String noteId = body(new CreateNote().handleRequest(
                Events.create(user, "{\"content\":\"old\",\"attachment\":\"old.png\"}"), null), 200)
                .get("noteId").asText();

        Responses.assertStatusTrue(new UpdateNote().handleRequest(
                Events.update(user, noteId, "{\"content\":\"new\"}"), null));

        Map<String, AttributeValue> stored = Responses.stored(dynamoDb, user, noteId);
        assertEquals("new", stored.get("content").s());
        assertFalse(stored.containsKey("attachment"));
        assertTrue(stored.containsKey("createdAt"), "createdAt is kept");
    }

    @Test
    void update_with_an_empty_object_removes_both_fields_and_keeps_the_note() {
        String noteId = body(new CreateNote().handleRequest(
                Events.create(user, "{\"content\":\"c\",\"attachment\":\"a\"}"), null), 200).get("noteId").asText();
        Responses.assertStatusTrue(new UpdateNote().handleRequest(Events.update(user, noteId, "{}"), null));
        Map<String, AttributeValue> stored = Responses.stored(dynamoDb, user, noteId);
        assertEquals(java.util.Set.of("userId", "noteId", "createdAt"), stored.keySet());
    }

    @Test
    void delete_removes_the_callers_note() {
        String noteId = body(new CreateNote().handleRequest(Events.create(user, "{}"), null), 200)
                .get("noteId").asText();
        Responses.assertStatusTrue(new DeleteNote().handleRequest(Events.delete(user, noteId), null));
        assertTrue(Responses.stored(dynamoDb, user, noteId).isEmpty());
        Responses.assertError(new GetNote().handleRequest(Events.get(user, noteId), null), 404, "Item not found.");
    }

    @Test
    void list_answers_the_callers_notes_newest_first_and_an_empty_array_when_none() {
        assertEquals("[]", body(new ListNotes().handleRequest(Events.list(user), null), 200).toString());
        CreateNote create = new CreateNote();
        String first = body(create.handleRequest(Events.create(user, "{\"content\":\"1\"}"), null), 200)
                .get("noteId").asText();
        String second = body(create.handleRequest(Events.create(user, "{\"content\":\"2\"}"), null), 200)
                .get("noteId").asText();
        body(new CreateNote().handleRequest(Events.create(Events.newIdentityId(), "{}"), null), 200);

        JsonNode list = body(new ListNotes().handleRequest(Events.list(user), null), 200);
        assertEquals(2, list.size());
        assertTrue(list.get(0).get("createdAt").asLong() >= list.get(1).get("createdAt").asLong());
        assertEquals(java.util.Set.of(first, second),
                java.util.Set.of(list.get(0).get("noteId").asText(), list.get(1).get("noteId").asText()));
        list.forEach(note -> assertEquals(user, note.get("userId").asText()));
    }
}
