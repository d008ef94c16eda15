package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.clock.ControlledClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyPoolTest {

    private static UserPool userPool(ControlledClock clock, Optional<Path> dataDir, KeyPool keys) {
        UserPool pool = new UserPool(UserPoolSrpTest.config(), "us-east-1", "123456789012", clock, clock, dataDir,
                Optional.of(keys));
        pool.createFixtureUser(UserPoolTokensTest.ADMIN);
        return pool;
    }

    private static Set<String> kids(String jwksJson) throws Exception {
        return JWKSet.parse(jwksJson).getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
    }

    private static Set<String> pooledKids(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> {
                try {
                    return RSAKey.parse(Files.readString(f)).getKeyID();
                } catch (Exception e) {
                    throw new AssertionError(f + " is not a key", e);
                }
            }).collect(Collectors.toSet());
        }
    }

    @Test
    void keys_made_ahead_are_owner_only_private_keys_in_an_owner_only_directory(@TempDir Path home) throws Exception {
        KeyPool keys = new KeyPool(home.resolve("keys"), 2);
        keys.refillInBackground().join();

        assertEquals(2, keys.available());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.directory())));
        try (Stream<Path> files = Files.list(keys.directory())) {
            for (Path f : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
                RSAKey key = RSAKey.parse(Files.readString(f));
                assertTrue(key.isPrivate());
                assertEquals(2048, key.size());
                assertNotNull(key.getKeyID());
            }
        }
    }

    @Test
    void a_user_pool_takes_its_two_keys_from_the_pool_and_their_files_are_gone(@TempDir Path home) throws Exception {
        KeyPool keys = new KeyPool(home.resolve("keys"), 2);
        keys.refillInBackground().join();
        Set<String> madeAhead = pooledKids(keys.directory());

        UserPool pool = userPool(new ControlledClock(), Optional.empty(), keys);

        assertEquals(madeAhead, kids(pool.jwksJson()));
        assertEquals(0, keys.available());
        try (Stream<Path> left = Files.list(keys.directory())) {
            assertEquals(List.of(), left.toList(), "no copy of a taken key is left behind");
        }
        JsonNode auth = UserPoolTokensTest.signIn(pool, "admin@example.com", "Passw0rd!");
        UserPoolTokensTest.verify(pool.jwksJson(), auth.get("IdToken").asText());
    }

    @Test
    void two_runs_never_share_a_key_and_one_refuses_the_others_tokens(@TempDir Path home) throws Exception {
        KeyPool keys = new KeyPool(home.resolve("keys"), 4);
        keys.refillInBackground().join();
        ControlledClock clock = new ControlledClock();
        UserPool first = userPool(clock, Optional.empty(), keys);
        UserPool second = userPool(clock, Optional.empty(), keys);

        Set<String> firstKids = kids(first.jwksJson());
        Set<String> secondKids = kids(second.jwksJson());
        assertEquals(2, firstKids.size());
        assertEquals(2, secondKids.size());
        assertTrue(firstKids.stream().noneMatch(secondKids::contains), firstKids + " / " + secondKids);

        JsonNode fromFirst = UserPoolTokensTest.signIn(first, "admin@example.com", "Passw0rd!");
        assertThrows(Exception.class, () -> UserPoolTokensTest.verify(second.jwksJson(),
                fromFirst.get("IdToken").asText()), "the second run's keys do not verify the first run's ID token");
        AwsJsonError refused = assertThrows(AwsJsonError.class, () -> UserPoolTokensTest.call(second, "GetUser",
                "{\"AccessToken\":\"" + fromFirst.get("AccessToken").asText() + "\"}"));
        assertEquals("NotAuthorizedException", refused.type(), refused.getMessage());
        assertNotNull(UserPoolTokensTest.call(first, "GetUser",
                "{\"AccessToken\":\"" + fromFirst.get("AccessToken").asText() + "\"}").get("Username"));
    }

    @Test
    void an_empty_pool_means_the_keys_are_generated_and_a_sign_in_meanwhile_waits_for_them(@TempDir Path home)
            throws Exception {
        KeyPool keys = new KeyPool(home.resolve("keys"), 2);
        UserPool pool = userPool(new ControlledClock(), Optional.empty(), keys);

        JsonNode auth = UserPoolTokensTest.signIn(pool, "admin@example.com", "Passw0rd!");

        UserPoolTokensTest.verify(pool.jwksJson(), auth.get("IdToken").asText());
        assertEquals(2, kids(pool.jwksJson()).size());
    }

    @Test
    void a_data_dir_keeps_its_keys_across_restarts_and_takes_none_from_the_pool_again(@TempDir Path home)
            throws Exception {
        Path data = home.resolve("data");
        KeyPool keys = new KeyPool(home.resolve("keys"), 2);
        keys.refillInBackground().join();
        ControlledClock clock = new ControlledClock();
        UserPool first = userPool(clock, Optional.of(data), keys);
        String jwks = first.jwksJson();
        JsonNode auth = UserPoolTokensTest.signIn(first, "admin@example.com", "Passw0rd!");
        keys.refillInBackground().join();
        Set<String> refilled = pooledKids(keys.directory());

        UserPool second = userPool(clock, Optional.of(data), keys);

        assertEquals(jwks, second.jwksJson());
        UserPoolTokensTest.verify(second.jwksJson(), auth.get("IdToken").asText());
        assertEquals(refilled, pooledKids(keys.directory()), "the restart took no key from the pool");
    }

    @Test
    void a_key_file_other_users_could_read_is_deleted_not_used(@TempDir Path home) throws Exception {
        KeyPool keys = new KeyPool(home.resolve("keys"), 1);
        keys.refillInBackground().join();
        Path file;
        try (Stream<Path> files = Files.list(keys.directory())) {
            file = files.findFirst().orElseThrow();
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(Optional.empty(), keys.take());
        assertFalse(Files.exists(file));
    }

    @Test
    void a_file_that_is_not_a_key_is_deleted_not_used(@TempDir Path home) throws Exception {
        KeyPool keys = new KeyPool(home.resolve("keys"), 0);
        Files.createDirectories(keys.directory());
        Files.setPosixFilePermissions(keys.directory(), PosixFilePermissions.fromString("rwx------"));
        Path junk = keys.directory().resolve("junk.jwk");
        Files.writeString(junk, "{\"kty\":\"oct\"");
        Files.setPosixFilePermissions(junk, PosixFilePermissions.fromString("rw-------"));

        assertEquals(Optional.empty(), keys.take());
        assertFalse(Files.exists(junk));
    }
}
