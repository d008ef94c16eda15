package dev.gatehouse.emulator.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Guards KeyMaterial: every secret and session token is fresh randomness, never the same bytes twice. */
class KeyMaterialTest {

    @Test
    void every_session_token_secret_and_key_id_is_different() {
        KeyMaterial keys = new KeyMaterial();
        Set<String> tokens = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        Set<String> keyIds = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(keys.sessionToken());
            secrets.add(keys.secretAccessKey());
            keyIds.add(keys.accessKeyId());
        }
        assertEquals(200, tokens.size());
        assertEquals(200, secrets.size());
        assertEquals(200, keyIds.size());
    }

    @Test
    void two_generators_do_not_repeat_each_other() {
        assertEquals(false, new KeyMaterial().sessionToken().equals(new KeyMaterial().sessionToken()));
    }
}
