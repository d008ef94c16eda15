package dev.gatehouse.emulator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** With a data directory, notes, identities and issued credentials survive a restart; one Gatehouse per directory. */
class DataDirRestartTest {

    private static List<String> noteIds(Gatehouse gatehouse, SignIn.IdentityCredentials who) {
        Wire.Reply r = ApiCall.of(gatehouse.baseUri(), "GET", "/notes").as(who).signed().send();
        assertEquals(200, r.status(), r.toString());
        List<String> ids = new ArrayList<>();
        r.json().forEach(n -> ids.add(n.get("noteId").asText()));
        return ids;
    }

    @Test
    void notes_identities_and_credentials_survive_a_restart(@TempDir Path dataDir) {
        SignIn.IdentityCredentials admin;
        JsonNode note;
        String identityId;
        try (Gatehouse first = Gatehouse.builder().port(0).dataDir(dataDir).start()) {
            admin = TestUsers.signIn(first, TestUsers.ADMIN);
            identityId = first.identityIdOf(TestUsers.ADMIN);
            Wire.Reply created = ApiCall.of(first.baseUri(), "POST", "/notes").json("{\"content\":\"kept\"}")
                    .as(admin).signed().send();
            assertEquals(200, created.status(), created.toString());
            note = created.json();
        }
        try (Gatehouse second = Gatehouse.builder().port(0).dataDir(dataDir).start()) {
            assertEquals(identityId, second.identityIdOf(TestUsers.ADMIN), "same identity id after the restart");
            // signed with the credentials issued before the restart
            assertTrue(noteIds(second, admin).contains(note.get("noteId").asText()), "the note is still listed");
            Wire.Reply got = ApiCall.of(second.baseUri(), "GET", "/notes/" + note.get("noteId").asText()).as(admin)
                    .signed().send();
            assertEquals(200, got.status(), got.toString());
            assertEquals(note, got.json());
            SignIn.IdentityCredentials again = TestUsers.signIn(second, TestUsers.ADMIN);
            assertEquals(identityId, again.identityId());
        }
    }

    @Test
    void a_second_gatehouse_on_the_same_data_dir_refuses_to_start(@TempDir Path dataDir) {
        try (Gatehouse first = Gatehouse.builder().port(0).dataDir(dataDir).start()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Gatehouse.builder().port(0).dataDir(dataDir).start().close());
            assertTrue(e.getMessage().contains("another Gatehouse is running on the data directory " + dataDir),
                    e.getMessage());
            SignIn.IdentityCredentials admin = TestUsers.signIn(first, TestUsers.ADMIN);
            assertEquals(200, ApiCall.of(first.baseUri(), "GET", "/notes").as(admin).signed().send().status(),
                    "the first one keeps serving");
        }
    }
}
