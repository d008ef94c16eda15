package dev.gatehouse.emulator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The notes API through real HTTP as two signed-in users: the contract of notes-api.md, and no cross-user access. */
class NotesApiEndToEndTest {
    private static Gatehouse gatehouse;
    private static StoredNotes table;
    private static SignIn.IdentityCredentials admin;
    private static SignIn.IdentityCredentials alice;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        table = StoredNotes.of(gatehouse);
        admin = TestUsers.signIn(gatehouse, TestUsers.ADMIN);
        alice = TestUsers.signIn(gatehouse, TestUsers.ALICE);
    }

    @AfterAll
    static void stop() {
        table.close();
        gatehouse.close();
    }

    private static Wire.Reply call(SignIn.IdentityCredentials who, String method, String path, String json) {
        ApiCall call = ApiCall.of(gatehouse.baseUri(), method, path).as(who);
        if (json != null) {
            call.json(json);
        }
        return call.signed().send();
    }

    private static JsonNode create(SignIn.IdentityCredentials who, String json) {
        Wire.Reply r = call(who, "POST", "/notes", json);
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private static List<String> noteIds(SignIn.IdentityCredentials who) {
        Wire.Reply r = call(who, "GET", "/notes", null);
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.json().isArray(), r.body());
        List<String> ids = new ArrayList<>();
        r.json().forEach(n -> ids.add(n.get("noteId").asText()));
        return ids;
    }

    @Test
    void signed_in_users_have_distinct_identity_ids_from_the_identity_pool() {
        assertEquals(gatehouse.identityIdOf(TestUsers.ADMIN), admin.identityId());
        assertEquals(gatehouse.identityIdOf(TestUsers.ALICE), alice.identityId());
        assertNotEquals(admin.identityId(), alice.identityId());
        assertTrue(admin.identityId().matches("us-east-1:[0-9a-f-]{36}"), admin.identityId());
        assertTrue(admin.accessKeyId().startsWith("ASIA"), "temporary keys start with ASIA");
    }

    @Test
    void create_get_list_update_delete_as_the_owner() {
        long before = System.currentTimeMillis();
        JsonNode note = create(admin, "{\"content\":\"hello world\",\"attachment\":\"hello.jpg\"}");
        String noteId = note.get("noteId").asText();
        assertEquals(admin.identityId(), note.get("userId").asText());
        assertEquals("hello world", note.get("content").asText());
        assertEquals("hello.jpg", note.get("attachment").asText());
        assertTrue(note.get("createdAt").isNumber() && note.get("createdAt").asLong() >= before, note.toString());
        assertEquals("hello world", table.item(admin.identityId(), noteId).get("content").s());

        Wire.Reply got = call(admin, "GET", "/notes/" + noteId, null);
        assertEquals(200, got.status(), got.toString());
        assertEquals(note, got.json());
        assertEquals("application/json", got.header("content-type"));

        JsonNode newer = create(admin, "{\"content\":\"second\"}");
        assertFalse(newer.has("attachment"), "a field left out is not stored: " + newer);
        List<String> listed = noteIds(admin);
        assertTrue(listed.indexOf(newer.get("noteId").asText()) < listed.indexOf(noteId),
                "newest first: " + listed);

        Wire.Reply updated = call(admin, "PUT", "/notes/" + noteId, "{\"content\":\"changed\",\"attachment\":\"b.png\"}");
        assertEquals(200, updated.status(), updated.toString());
        assertEquals("{\"status\":true}", updated.body());
        JsonNode reread = call(admin, "GET", "/notes/" + noteId, null).json();
        assertEquals("changed", reread.get("content").asText());
        assertEquals("b.png", reread.get("attachment").asText());
        assertEquals(note.get("createdAt"), reread.get("createdAt"));

        Wire.Reply deleted = call(admin, "DELETE", "/notes/" + noteId, null);
        assertEquals(200, deleted.status(), deleted.toString());
        assertEquals("{\"status\":true}", deleted.body());
        Wire.Reply gone = call(admin, "GET", "/notes/" + noteId, null);
        assertEquals(404, gone.status(), gone.toString());
        assertEquals("{\"error\":\"Item not found.\"}", gone.body());
        assertFalse(noteIds(admin).contains(noteId));
        assertNull(table.item(admin.identityId(), noteId));
    }

    @Test
    void another_users_note_is_not_found_and_stays_unchanged() {
        JsonNode note = create(admin, "{\"content\":\"admin's secret\",\"attachment\":\"secret.pdf\"}");
        String noteId = note.get("noteId").asText();
        List<String> adminNotes = noteIds(admin);
        List<String> aliceNotes = noteIds(alice);
        assertFalse(aliceNotes.contains(noteId), "alice's list holds only her notes");
        int stored = table.count();

        for (Wire.Reply r : List.of(
                call(alice, "GET", "/notes/" + noteId, null),
                call(alice, "PUT", "/notes/" + noteId, "{\"content\":\"pwned\",\"attachment\":\"x\"}"),
                call(alice, "DELETE", "/notes/" + noteId, null))) {
            assertEquals(404, r.status(), r.toString());
            assertEquals("{\"error\":\"Item not found.\"}", r.body());
        }

        assertEquals(note, call(admin, "GET", "/notes/" + noteId, null).json(), "the owner's note is unchanged");
        assertEquals(adminNotes, noteIds(admin));
        assertEquals(aliceNotes, noteIds(alice), "no phantom note for alice (no upsert through PUT)");
        assertNull(table.item(alice.identityId(), noteId));
        assertEquals(stored, table.count(), "nothing was created or deleted");
    }

    @Test
    void identity_comes_from_the_signature_never_from_the_body() {
        JsonNode note = create(alice, "{\"content\":\"mine\",\"userId\":\"" + admin.identityId() + "\"}");
        assertEquals(alice.identityId(), note.get("userId").asText());
        assertFalse(noteIds(admin).contains(note.get("noteId").asText()));
    }

    @Test
    void malformed_json_is_a_bad_request_and_nothing_is_stored() {
        int stored = table.count();
        Wire.Reply r = call(admin, "POST", "/notes", "{not json");
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.json().get("error").isTextual(), r.body());
        Wire.Reply wrongType = call(admin, "POST", "/notes", "{\"content\":42}");
        assertEquals(400, wrongType.status(), wrongType.toString());
        assertEquals(stored, table.count());
    }

    @Test
    void a_users_own_unknown_note_is_not_found_and_not_created_by_update() {
        String noteId = "00000000-0000-1000-8000-000000000000";
        assertEquals(404, call(admin, "PUT", "/notes/" + noteId, "{\"content\":\"x\"}").status());
        assertEquals(404, call(admin, "DELETE", "/notes/" + noteId, null).status());
        assertNull(table.item(admin.identityId(), noteId));
    }
}
