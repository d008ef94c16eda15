package dev.gatehouse.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notes API keeps its contract (reference/notes-api.md): statuses and bodies of every route. */
@GatehouseTest
class NotesContract {
    private static final String NOT_FOUND = "{\"error\":\"Item not found.\"}";
    private static final String STATUS_TRUE = "{\"status\":true}";

    @Test
    void create_answers_the_stored_note_under_the_callers_identity(@FreshUser GatehouseUser alice) {
        Response r = new Notes(alice).create(Notes.body("hello world", "hello.jpg"));

        assertEquals(200, r.statusCode(), r.asString());
        JsonNode note = Notes.json(r);
        assertEquals(alice.identityId(), note.path("userId").asText());
        assertEquals("hello world", note.path("content").asText());
        assertEquals("hello.jpg", note.path("attachment").asText());
        assertFalse(note.path("noteId").asText().isBlank(), note.toString());
        assertTrue(note.path("createdAt").isIntegralNumber(), "createdAt is epoch ms: " + note);
    }

    @Test
    void created_note_is_read_back_as_stored(@FreshUser GatehouseUser alice) {
        Notes notes = new Notes(alice);
        JsonNode created = notes.created("read me");

        Response r = notes.get(created.path("noteId").asText());

        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(created, Notes.json(r));
    }

    @Test
    void create_without_body_stores_empty_content_and_attachment(@FreshUser GatehouseUser alice) {
        Response r = alice.given().post("/notes");

        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("", Notes.json(r).path("content").asText("missing"));
        assertEquals("", Notes.json(r).path("attachment").asText("missing"));
    }

    @Test
    void list_of_a_new_user_is_empty(@FreshUser GatehouseUser alice) {
        Response r = new Notes(alice).list();

        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("[]", r.asString());
    }

    @Test
    void list_has_the_callers_notes_newest_first(@FreshUser GatehouseUser alice) {
        Notes notes = new Notes(alice);
        String first = notes.created("first").path("noteId").asText();
        String second = notes.created("second").path("noteId").asText();

        assertEquals(java.util.List.of(second, first), notes.listedIds());
    }

    @Test
    void update_replaces_content_and_attachment(@FreshUser GatehouseUser alice) {
        Notes notes = new Notes(alice);
        JsonNode created = notes.created("before");
        String id = created.path("noteId").asText();

        Response r = notes.update(id, Notes.body("after", "after.png"));

        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(STATUS_TRUE, r.asString());
        JsonNode now = Notes.json(notes.get(id));
        assertEquals("after", now.path("content").asText());
        assertEquals("after.png", now.path("attachment").asText());
        assertEquals(created.path("createdAt"), now.path("createdAt"));
    }

    @Test
    void update_of_a_missing_note_is_not_found_and_creates_nothing(@FreshUser GatehouseUser alice) {
        Notes notes = new Notes(alice);
        String id = UUID.randomUUID().toString();

        Response r = notes.update(id, Notes.body("ghost", "ghost.jpg"));

        assertEquals(404, r.statusCode(), r.asString());
        assertEquals(NOT_FOUND, r.asString());
        assertEquals(404, notes.get(id).statusCode());
        assertEquals(java.util.List.of(), notes.listedIds());
    }

    @Test
    void delete_removes_the_note(@FreshUser GatehouseUser alice) {
        Notes notes = new Notes(alice);
        String id = notes.created("doomed").path("noteId").asText();

        Response r = notes.delete(id);

        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(STATUS_TRUE, r.asString());
        Response gone = notes.get(id);
        assertEquals(404, gone.statusCode());
        assertEquals(NOT_FOUND, gone.asString());
        assertEquals(404, notes.delete(id).statusCode(), "a second delete finds nothing");
        assertEquals(java.util.List.of(), notes.listedIds());
    }

    @Test
    void missing_note_is_not_found(@FreshUser GatehouseUser alice) {
        Response r = new Notes(alice).get(UUID.randomUUID().toString());

        assertEquals(404, r.statusCode(), r.asString());
        assertEquals(NOT_FOUND, r.asString());
    }

    @Test
    void malformed_json_is_a_bad_request_and_stores_nothing(@FreshUser GatehouseUser alice) {
        Notes notes = new Notes(alice);
        String id = notes.created("kept").path("noteId").asText();

        for (String bad : new String[] {"{\"content\":", "not json", "[1,2]", "\"text\"", "{\"content\":5}",
                "{\"attachment\":{}}", "{\"content\":\"a\"} trailing"}) {
            Response create = notes.create(bad);
            assertEquals(400, create.statusCode(), "POST " + bad + ": " + create.asString());
            assertTrue(Notes.json(create).path("error").isTextual(), create.asString());
            Response update = notes.update(id, bad);
            assertEquals(400, update.statusCode(), "PUT " + bad + ": " + update.asString());
        }
        assertEquals(java.util.List.of(id), notes.listedIds());
        assertEquals("kept", Notes.json(notes.get(id)).path("content").asText());
    }

    @Test
    void a_large_legal_note_is_stored_whole(@FreshUser GatehouseUser alice) {
        Notes notes = new Notes(alice);
        String content = "0123456789abcdef".repeat(300 * 1024 / 16);

        Response r = notes.create(Notes.body(content, "big.bin"));

        assertEquals(200, r.statusCode(), r.asString().substring(0, Math.min(200, r.asString().length())));
        String id = Notes.json(r).path("noteId").asText();
        assertEquals(content, Notes.json(notes.get(id)).path("content").asText());
    }

    @Test
    void unicode_content_round_trips(@FreshUser GatehouseUser alice) {
        Notes notes = new Notes(alice);
        String content = "héllo wörld — 日本語のメモ 😀👩‍👩‍👧 שלום e\u0301 \"quoted\" \\ /";

        String id = notes.created(content).path("noteId").asText();

        assertEquals(content, Notes.json(notes.get(id)).path("content").asText());
        assertEquals(content + ".jpg", Notes.json(notes.get(id)).path("attachment").asText());
    }
}
