package dev.gatehouse.contracts;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every user sees only their own notes: for every pair of three users and every route, nobody reads, lists, changes
 * or deletes another's note, whatever id or header they try; a refused change leaves the owner's note byte for byte
 * as it was and creates no phantom note in anyone's list. Each test names every failing cell.
 */
@GatehouseTest
class UserIsolationContract {

    /** Three users, each with one note; the owners' notes as first read back. */
    private static final class World {
        final List<String> names = List.of("alice", "bob", "carol");
        final Map<String, GatehouseUser> users = new LinkedHashMap<>();
        final Map<String, String> noteOf = new LinkedHashMap<>();
        final Map<String, String> storedBody = new LinkedHashMap<>();
        final Cells cells = new Cells();

        World(GatehouseUser alice, GatehouseUser bob, GatehouseUser carol) {
            users.put("alice", alice);
            users.put("bob", bob);
            users.put("carol", carol);
            users.forEach((name, user) -> {
                String id = notes(name).created(name + "'s secret").path("noteId").asText();
                noteOf.put(name, id);
                storedBody.put(name, notes(name).get(id).asString());
            });
        }

        Notes notes(String name) {
            return new Notes(users.get(name));
        }

        /** Every pair (actor, owner) of different users. */
        List<String[]> pairs() {
            List<String[]> out = new ArrayList<>();
            for (String actor : names) {
                for (String owner : names) {
                    if (!actor.equals(owner)) {
                        out.add(new String[] {actor, owner});
                    }
                }
            }
            return out;
        }

        /** Each owner's note unchanged, and each list exactly the owner's own note: no loss, no phantom. */
        void everyNoteAsStored(String after) {
            for (String owner : names) {
                Response r = notes(owner).get(noteOf.get(owner));
                cells.check(owner + "'s note after " + after, r.statusCode() == 200
                        && r.asString().equals(storedBody.get(owner)), "changed: " + r.statusCode() + " " + r.asString());
                List<String> listed = notes(owner).listedIds();
                cells.check(owner + "'s list after " + after, listed.equals(List.of(noteOf.get(owner))),
                        "expected only " + noteOf.get(owner) + ", got " + listed);
            }
        }
    }

    @Test
    void nobody_reads_anothers_note(@FreshUser("alice") GatehouseUser alice, @FreshUser("bob") GatehouseUser bob,
                                    @FreshUser("carol") GatehouseUser carol) {
        World w = new World(alice, bob, carol);
        for (String[] p : w.pairs()) {
            w.cells.status(p[0] + " GET " + p[1] + "'s note", 404, w.notes(p[0]).get(w.noteOf.get(p[1])));
        }
        w.cells.assertAllHold();
    }

    @Test
    void nobody_lists_anothers_notes(@FreshUser("alice") GatehouseUser alice, @FreshUser("bob") GatehouseUser bob,
                                     @FreshUser("carol") GatehouseUser carol) {
        World w = new World(alice, bob, carol);
        w.everyNoteAsStored("listing");
        w.cells.assertAllHold();
    }

    @Test
    void nobody_changes_anothers_note(@FreshUser("alice") GatehouseUser alice, @FreshUser("bob") GatehouseUser bob,
                                      @FreshUser("carol") GatehouseUser carol) {
        World w = new World(alice, bob, carol);
        for (String[] p : w.pairs()) {
            w.cells.status(p[0] + " PUT " + p[1] + "'s note", 404, w.notes(p[0]).update(w.noteOf.get(p[1]),
                    Notes.body("overwritten by " + p[0], "evil.jpg")));
        }
        w.everyNoteAsStored("foreign PUTs");
        w.cells.assertAllHold();
    }

    @Test
    void nobody_deletes_anothers_note(@FreshUser("alice") GatehouseUser alice, @FreshUser("bob") GatehouseUser bob,
                                      @FreshUser("carol") GatehouseUser carol) {
        World w = new World(alice, bob, carol);
        for (String[] p : w.pairs()) {
            w.cells.status(p[0] + " DELETE " + p[1] + "'s note", 404, w.notes(p[0]).delete(w.noteOf.get(p[1])));
        }
        w.everyNoteAsStored("foreign DELETEs");
        w.cells.assertAllHold();
    }

    @Test
    void another_users_id_in_header_query_or_body_changes_nothing(@FreshUser("alice") GatehouseUser alice,
            @FreshUser("bob") GatehouseUser bob, @FreshUser("carol") GatehouseUser carol) {
        World w = new World(alice, bob, carol);
        for (String[] p : w.pairs()) {
            String actor = p[0];
            String owner = p[1];
            String ownerId = w.users.get(owner).identityId();
            String note = w.noteOf.get(owner);
            GatehouseUser u = w.users.get(actor);
            for (String header : List.of("x-user-id", "x-amz-cognito-identity-id", "x-userid")) {
                w.cells.status(actor + " GET " + owner + "'s note with " + header + ": " + owner, 404,
                        u.given().header(header, ownerId).get("/notes/{id}", note));
                w.cells.status(actor + " PUT " + owner + "'s note with " + header + ": " + owner, 404,
                        u.given().header(header, ownerId).contentType("application/json")
                                .body(Notes.body("spoofed", "x")).put("/notes/{id}", note));
                w.cells.status(actor + " DELETE " + owner + "'s note with " + header + ": " + owner, 404,
                        u.given().header(header, ownerId).delete("/notes/{id}", note));
                Response list = u.given().header(header, ownerId).get("/notes");
                w.cells.check(actor + " GET /notes with " + header + ": " + owner,
                        !list.asString().contains(note), "listed " + owner + "'s note: " + list.asString());
            }
            w.cells.status(actor + " GET " + owner + "'s note with ?userId=" + owner, 404,
                    u.given().queryParam("userId", ownerId).get("/notes/{id}", note));
            w.cells.status(actor + " PUT " + owner + "'s note with userId in the body", 404,
                    u.given().contentType("application/json")
                            .body("{\"userId\":\"" + ownerId + "\",\"content\":\"spoofed\"}").put("/notes/{id}", note));
            Response created = u.given().contentType("application/json")
                    .body("{\"userId\":\"" + ownerId + "\",\"content\":\"planted\"}").post("/notes");
            w.cells.check(actor + " POST /notes with " + owner + "'s userId in the body",
                    created.statusCode() == 200 && Notes.json(created).path("userId").asText()
                            .equals(u.identityId()), "stored as " + created.asString());
            if (created.statusCode() == 200) {
                w.notes(actor).delete(Notes.json(created).path("noteId").asText());
            }
        }
        w.everyNoteAsStored("spoofed ids");
        w.cells.assertAllHold();
    }

    @Test
    void guessed_note_ids_find_and_change_nothing(@FreshUser("alice") GatehouseUser alice,
            @FreshUser("bob") GatehouseUser bob, @FreshUser("carol") GatehouseUser carol) {
        World w = new World(alice, bob, carol);
        for (String actor : w.names) {
            for (String guess : List.of(UUID.randomUUID().toString(), "1", "123", "*", "%2A", "..%2F..")) {
                Notes n = w.notes(actor);
                w.cells.status(actor + " GET guessed id " + guess, 404, n.get(guess));
                w.cells.status(actor + " PUT guessed id " + guess, 404, n.update(guess, Notes.body("g", "g")));
                w.cells.status(actor + " DELETE guessed id " + guess, 404, n.delete(guess));
            }
        }
        w.everyNoteAsStored("guessed ids");
        w.cells.assertAllHold();
    }
}
