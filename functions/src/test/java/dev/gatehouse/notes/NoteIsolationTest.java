package dev.gatehouse.notes;

import static dev.gatehouse.notes.Responses.assertError;
import static dev.gatehouse.notes.Responses.body;
import static dev.gatehouse.notes.Responses.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Missing and foreign notes: 404 "Item not found.", and nothing is created or changed (no upsert through PUT). */
@ExtendWith(WithDynamoDbLocal.class)
class NoteIsolationTest {
    private static DynamoDbClient dynamoDb;
    private final String owner = Events.newIdentityId();
    private final String other = Events.newIdentityId();
    private String noteId;
    private Map<String, AttributeValue> original;

    @BeforeAll
    static void client() {
        dynamoDb = LocalDynamoDb.client();
    }

    @AfterAll
    static void close() {
        dynamoDb.close();
    }

    @BeforeEach
    void ownerHasANote() {
        noteId = body(new CreateNote().handleRequest(
                Events.create(owner, "{\"content\":\"secret\",\"attachment\":\"s.png\"}"), null), 200)
                .get("noteId").asText();
        original = stored(dynamoDb, owner, noteId);
    }

    @Test
    void foreign_note_is_not_found() {
        assertError(new GetNote().handleRequest(Events.get(other, noteId), null), 404, "Item not found.");
    }

    @Test
    void foreign_note_update_is_not_found_and_changes_nothing() {
        assertError(new UpdateNote().handleRequest(Events.update(other, noteId, "{\"content\":\"pwned\"}"), null),
                404, "Item not found.");
        assertEquals(original, stored(dynamoDb, owner, noteId));
        assertTrue(stored(dynamoDb, other, noteId).isEmpty(), "no stub note is created for the other user");
    }

    @Test
    void foreign_note_delete_is_not_found_and_deletes_nothing() {
        assertError(new DeleteNote().handleRequest(Events.delete(other, noteId), null), 404, "Item not found.");
        assertEquals(original, stored(dynamoDb, owner, noteId));
    }

    @Test
    void foreign_notes_are_not_listed() {
        assertEquals("[]", body(new ListNotes().handleRequest(Events.list(other), null), 200).toString());
    }

    @Test
    void missing_note_is_not_found() {
        String missing = UUID.randomUUID().toString();
        assertError(new GetNote().handleRequest(Events.get(owner, missing), null), 404, "Item not found.");
        assertError(new DeleteNote().handleRequest(Events.delete(owner, missing), null), 404, "Item not found.");
    }

    @Test
    void update_of_a_missing_note_creates_nothing() {
        String missing = UUID.randomUUID().toString();
        assertError(new UpdateNote().handleRequest(Events.update(owner, missing, "{\"content\":\"x\"}"), null),
                404, "Item not found.");
        assertTrue(stored(dynamoDb, owner, missing).isEmpty());
        assertEquals(List.of(noteId), List.of(body(new ListNotes().handleRequest(Events.list(owner), null), 200)
                .get(0).get("noteId").asText()));
    }

    @Test
    void a_note_id_longer_than_any_key_is_not_found() {
        String tooLong = "n".repeat(1025);
        assertError(new GetNote().handleRequest(Events.get(owner, tooLong), null), 404, "Item not found.");
        assertError(new UpdateNote().handleRequest(Events.update(owner, tooLong, "{}"), null), 404, "Item not found.");
        assertError(new DeleteNote().handleRequest(Events.delete(owner, tooLong), null), 404, "Item not found.");
    }
}
