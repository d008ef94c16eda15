package dev.gatehouse.emulator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.cognito.userpool.KeyPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts that take their user pool's keys from a pool made ahead: each run its own keys, the pool refilled after. */
class KeyPoolStartTest {

    private static Set<String> jwksKids(Gatehouse gatehouse) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gatehouse.baseUri()
                .resolve("/" + gatehouse.outputs().userPoolId() + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Set<String> kids = new HashSet<>();
        for (JsonNode key : new ObjectMapper().readTree(r.body()).get("keys")) {
            kids.add(key.get("kid").asText());
            assertTrue(!key.has("d"), "the JWKS publishes no private part");
        }
        return kids;
    }

    private static Set<String> pooledKids(KeyPool keys) throws Exception {
        Set<String> kids = new HashSet<>();
        try (Stream<Path> files = Files.list(keys.directory())) {
            for (Path f : files.toList()) {
                kids.add(RSAKey.parse(Files.readString(f)).getKeyID());
            }
        }
        return kids;
    }

    private static String idToken(Gatehouse gatehouse) {
        try (SignIn signIn = new SignIn(gatehouse.outputs(), gatehouse.baseUri(), Clock.systemUTC())) {
            return signIn.password(TestUsers.ADMIN, TestUsers.user(gatehouse, TestUsers.ADMIN).password()).idToken();
        }
    }

    @Test
    void each_start_uses_keys_no_other_run_had_and_refuses_an_earlier_runs_tokens(@TempDir Path home)
            throws Exception {
        KeyPool keys = new KeyPool(home.resolve("keys"), 2);
        keys.refillInBackground().join();
        Set<String> madeAhead = pooledKids(keys);
        assertEquals(2, madeAhead.size());

        String earlierToken;
        Set<String> firstKids;
        try (Gatehouse first = Gatehouse.builder().port(0).keyPool(keys).start()) {
            firstKids = jwksKids(first);
            assertEquals(madeAhead, firstKids, "the first run took the keys made ahead");
            earlierToken = idToken(first);
            try (SignIn signIn = new SignIn(first.outputs(), first.baseUri(), Clock.systemUTC())) {
                assertNotNull(signIn.credentials(earlierToken).accessKeyId());
            }
            keys.refilled().join();
            assertEquals(2, keys.available(), "refilled after the ready line");
        }
        Set<String> refilled = pooledKids(keys);
        assertTrue(refilled.stream().noneMatch(firstKids::contains), "no taken key went back into the pool");

        try (Gatehouse second = Gatehouse.builder().port(0).keyPool(keys).start()) {
            assertEquals(refilled, jwksKids(second));
            try (SignIn signIn = new SignIn(second.outputs(), second.baseUri(), Clock.systemUTC())) {
                NotAuthorizedException refused = assertThrows(NotAuthorizedException.class,
                        () -> signIn.credentials(earlierToken));
                assertEquals(400, refused.statusCode());
                assertNotNull(signIn.credentials(idToken(second)).accessKeyId(), "its own tokens work");
            }
        }
        // A closed Gatehouse writes nothing more into the pool: its refill (started after its backend) has ended, and
        // what it wrote is whole keys only. Before, close() returned with a key still being made, and that key's file
        // appeared after it (JUnit then failed to delete this directory).
        assertTrue(keys.refilled().isDone(), "the refill ended when close() returned");
        try (Stream<Path> files = Files.list(keys.directory())) {
            assertTrue(files.allMatch(f -> f.getFileName().toString().endsWith(".jwk")), "only whole keys are left");
        }
    }
}
