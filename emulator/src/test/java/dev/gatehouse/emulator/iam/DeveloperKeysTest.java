package dev.gatehouse.emulator.iam;

import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.store.JsonFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards DeveloperKeys: keys the configuration gives are used as written; otherwise they are random (never a published
 * pair), shaped like IAM's, made once per data directory (owner-only) or once per start.
 */
class DeveloperKeysTest {
    static final String KEY_ID = "AKIA[A-Z2-7]{16}";
    static final String SECRET = "[A-Za-z0-9+/]{40}";

    @Test
    void keys_written_in_the_configuration_are_used_as_written_and_nothing_is_stored(@TempDir Path dataDir) {
        GatehouseConfig.Developer configured = new GatehouseConfig.Developer("alice", "AIDAALICEEXAMPLE00001",
                "AKIAALICEEXAMPLE0001", "alice/secret/key/not/for/aws/000000000000");
        assertSame(configured, DeveloperKeys.resolve(configured, Optional.of(dataDir)));
        assertFalse(Files.exists(dataDir.resolve("iam/developer.json")));
    }

    @Test
    void without_keys_or_data_directory_every_start_gets_new_random_keys_shaped_like_iams() {
        GatehouseConfig.Developer first = DeveloperKeys.resolve(null, Optional.empty());
        GatehouseConfig.Developer second = DeveloperKeys.resolve(null, Optional.empty());
        assertEquals("gatehouse-developer", first.userName());
        assertEquals("AIDAGATEHOUSEDEVELOPR", first.iamUserId());
        assertTrue(first.accessKeyId().matches(KEY_ID), first.accessKeyId());
        assertTrue(first.secretAccessKey().matches(SECRET), first.secretAccessKey());
        assertNotEquals(first.accessKeyId(), second.accessKeyId());
        assertNotEquals(first.secretAccessKey(), second.secretAccessKey());
    }

    @Test
    void a_configured_user_without_keys_keeps_its_name_and_id_and_gets_random_keys() {
        GatehouseConfig.Developer resolved = DeveloperKeys.resolve(
                new GatehouseConfig.Developer("alice", "AIDAALICEEXAMPLE00001", null, null), Optional.empty());
        assertEquals("alice", resolved.userName());
        assertEquals("AIDAALICEEXAMPLE00001", resolved.iamUserId());
        assertTrue(resolved.accessKeyId().matches(KEY_ID), resolved.accessKeyId());
        assertTrue(resolved.secretAccessKey().matches(SECRET), resolved.secretAccessKey());
    }

    @Test
    void an_access_key_id_without_its_secret_is_not_used() {
        GatehouseConfig.Developer resolved = DeveloperKeys.resolve(
                new GatehouseConfig.Developer(null, null, "AKIAALICEEXAMPLE0001", null), Optional.empty());
        assertEquals("gatehouse-developer", resolved.userName());
        assertEquals("AIDAGATEHOUSEDEVELOPR", resolved.iamUserId());
        assertNotEquals("AKIAALICEEXAMPLE0001", resolved.accessKeyId());
        assertTrue(resolved.secretAccessKey().matches(SECRET), resolved.secretAccessKey());
    }

    @Test
    void random_keys_are_kept_owner_only_in_the_data_directory_and_reused_after_a_restart(@TempDir Path dataDir)
            throws Exception {
        GatehouseConfig.Developer first = DeveloperKeys.resolve(null, Optional.of(dataDir));
        Path kept = dataDir.resolve("iam/developer.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)));
        assertEquals(new DeveloperKeys.Keys(first.accessKeyId(), first.secretAccessKey()),
                new JsonFile(kept).read(DeveloperKeys.Keys.class).orElseThrow());

        GatehouseConfig.Developer afterRestart = DeveloperKeys.resolve(null, Optional.of(dataDir));
        assertEquals(first, afterRestart);
        assertNotEquals(first.accessKeyId(), DeveloperKeys.resolve(null, Optional.of(dataDir.resolve("other")))
                .accessKeyId());
    }

    @Test
    void kept_keys_print_their_key_id_but_never_the_secret() {
        DeveloperKeys.Keys keys = DeveloperKeys.random();
        assertEquals("Keys[" + keys.accessKeyId() + "]", keys.toString());
    }
}
