package dev.gatehouse.emulator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignedCall;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, crash and restart: a separate {@code gatehouse start --data-dir} killed with {@code kill -9} in the middle
 * of a write load keeps every acknowledged note, the identity ids, a user signed up at run time, and the tokens and
 * credentials issued before the crash; a second instance on the same directory refuses to start.
 */
class CrashRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void acknowledged_writes_identities_users_and_credentials_survive_kill_9() throws Exception {
        Path data = dir.resolve("data");
        String email = "crash-" + System.nanoTime() + "@example.com";
        String password = "Crash-Passw0rd!" + System.nanoTime();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        CountDownLatch enoughAcknowledged = new CountDownLatch(200); // kill once 200 writes were acknowledged
        SignIn.Tokens aliceTokens;
        SignIn.IdentityCredentials alice;
        SignIn.IdentityCredentials newUser;
        Outputs outputs;
        int attempted;
        try (GatehouseProcess first = GatehouseProcess.run(dir.resolve("logs"), "start", "--port", "0",
                "--data-dir", data.toString())) {
            URI base = first.awaitReady(START);
            outputs = GatehouseProcess.outputs(base);
            CognitoClients.createUser(base, outputs, email, password);
            try (SignIn signIn = new SignIn(outputs, base, Clock.systemUTC())) {
                aliceTokens = signIn.srp("alice@example.com", "Passw0rd!alice");
                alice = signIn.credentials(aliceTokens.idToken());
                newUser = signIn.credentials(signIn.srp(email, password).idToken());
            }

            try (GatehouseProcess second = GatehouseProcess.run(dir.resolve("logs"), "start", "--port", "0",
                    "--data-dir", data.toString())) {
                assertNotEquals(0, second.awaitExit(START), second::output);
                assertTrue(second.output().contains("another Gatehouse is running on the data directory " + data),
                        second::output);
            }

            AtomicBoolean crashed = new AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                SignIn.IdentityCredentials who = t % 2 == 0 ? alice : newUser;
                writers.submit(() -> {
                    while (!crashed.get()) {
                        tries.incrementAndGet();
                        try {
                            SignedCall.Response r = SignedCall.send(outputs.region(), who, "POST", base, "/notes",
                                    "{\"content\":\"load " + System.nanoTime() + "\"}");
                            if (r.status() == 200) {
                                acknowledged.add(who.identityId() + " " + JSON.readTree(r.body()).get("noteId").asText());
                                enoughAcknowledged.countDown();
                            }
                        } catch (Exception connectionLost) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            enoughAcknowledged.await(START.toMillis(), TimeUnit.MILLISECONDS);
            first.kill9(); // with the writers still writing
            crashed.set(true);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS));
            attempted = tries.get();
        }

        try (GatehouseProcess restarted = GatehouseProcess.run(dir.resolve("logs"), "start", "--port", "0",
                "--data-dir", data.toString())) {
            URI base = restarted.awaitReady(START);
            Set<String> found = new HashSet<>();
            for (SignIn.IdentityCredentials who : List.of(alice, newUser)) {
                // credentials issued before the crash, still unexpired
                SignedCall.Response list = SignedCall.send(outputs.region(), who, "GET", base, "/notes", null);
                assertEquals(200, list.status(), list.body());
                for (JsonNode note : JSON.readTree(list.body())) {
                    assertEquals(who.identityId(), note.get("userId").asText());
                    found.add(who.identityId() + " " + note.get("noteId").asText());
                }
            }
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(found);
            System.out.printf("CrashRestartTest: %d writes attempted, %d acknowledged before kill -9, %d notes found"
                    + " after restart, %d acknowledged missing%n", attempted, acknowledged.size(), found.size(),
                    missing.size());
            assertTrue(acknowledged.size() >= 200, "load ran: " + acknowledged.size());
            assertEquals(Set.of(), missing);

            try (SignIn signIn = new SignIn(GatehouseProcess.outputs(base), base, Clock.systemUTC())) {
                // the ID token issued before the crash still buys credentials, for the same identity id
                SignIn.IdentityCredentials again = signIn.credentials(aliceTokens.idToken());
                assertEquals(alice.identityId(), again.identityId());
                // the user signed up before the crash signs in again, to the same identity
                assertEquals(newUser.identityId(), signIn.credentials(signIn.srp(email, password).idToken())
                        .identityId());
            }
        }
    }
}
