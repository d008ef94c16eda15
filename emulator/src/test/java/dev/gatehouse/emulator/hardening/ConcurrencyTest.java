package dev.gatehouse.emulator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignedCall;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, concurrency: 50 users each create 100 notes at once while updating, deleting and listing: every
 * acknowledged write is there exactly once, every list holds only its owner's notes, and nothing answers 5xx.
 */
class ConcurrencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int USERS = Integer.getInteger("gatehouse.concurrency.users", 50);
    static final int NOTES = Integer.getInteger("gatehouse.concurrency.notes", 100);

    static Gatehouse gatehouse;
    static List<SignIn.IdentityCredentials> users;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        URI base = gatehouse.baseUri();
        String run = Long.toString(System.nanoTime(), 36);
        users = Collections.synchronizedList(new ArrayList<>());
        try (SignIn signIn = new SignIn(gatehouse.outputs(), base, Clock.systemUTC())) {
            IntStream.range(0, USERS).parallel().forEach(i -> {
                String email = "load-" + run + "-" + i + "@example.com";
                CognitoClients.createUser(base, gatehouse.outputs(), email, "Load-Passw0rd!" + i);
                users.add(signIn.credentials(signIn.password(email, "Load-Passw0rd!" + i).idToken()));
            });
        }
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    @Test
    void every_acknowledged_write_is_there_once_and_lists_hold_only_their_owners_notes() throws Exception {
        URI api = URI.create(gatehouse.outputs().apiEndpoint());
        String region = gatehouse.outputs().region();
        Map<String, Set<String>> created = new ConcurrentHashMap<>();
        Map<String, Set<String>> deleted = new ConcurrentHashMap<>();
        Map<String, String> content = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        users.forEach(u -> {
            created.put(u.identityId(), ConcurrentHashMap.newKeySet());
            deleted.put(u.identityId(), ConcurrentHashMap.newKeySet());
        });
        int[] counts = new int[4];
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < NOTES; n++) {
                for (SignIn.IdentityCredentials u : users) {
                    int note = n;
                    done.add(pool.submit(() -> {
                        String id = u.identityId();
                        SignedCall.Response r = SignedCall.send(region, u, "POST", api, "/notes",
                                "{\"content\":\"note " + note + " of " + id + "\"}");
                        check(failures, "create", r, 200);
                        if (r.status() == 200) {
                            String noteId = JSON.readTree(r.body()).get("noteId").asText();
                            created.get(id).add(noteId);
                            ThreadLocalRandom random = ThreadLocalRandom.current();
                            if (note % 10 == 3) { // an update of this note
                                String text = "updated " + random.nextLong();
                                SignedCall.Response up = SignedCall.send(region, u, "PUT", api, "/notes/" + noteId,
                                        "{\"content\":\"" + text + "\"}");
                                check(failures, "update", up, 200);
                                content.put(noteId, text);
                            } else if (note % 10 == 7) { // a delete
                                SignedCall.Response del = SignedCall.send(region, u, "DELETE", api, "/notes/" + noteId,
                                        null);
                                check(failures, "delete", del, 200);
                                if (del.status() == 200) {
                                    deleted.get(id).add(noteId);
                                }
                            } else if (note % 10 == 5) { // a list while everyone writes
                                SignedCall.Response list = SignedCall.send(region, u, "GET", api, "/notes", null);
                                check(failures, "list", list, 200);
                                for (JsonNode item : JSON.readTree(list.body())) {
                                    if (!item.get("userId").asText().equals(id)) {
                                        failures.add("list of " + id + " holds " + item);
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int acknowledged = 0;
        int found = 0;
        for (SignIn.IdentityCredentials u : users) {
            SignedCall.Response list = SignedCall.send(region, u, "GET", api, "/notes", null);
            assertEquals(200, list.status(), list.body());
            List<String> ids = new ArrayList<>();
            for (JsonNode item : JSON.readTree(list.body())) {
                assertEquals(u.identityId(), item.get("userId").asText(), item::toString);
                ids.add(item.get("noteId").asText());
                String updated = content.get(item.get("noteId").asText());
                if (updated != null) {
                    assertEquals(updated, item.get("content").asText());
                }
            }
            Set<String> expected = new java.util.HashSet<>(created.get(u.identityId()));
            expected.removeAll(deleted.get(u.identityId()));
            acknowledged += created.get(u.identityId()).size();
            found += ids.size();
            assertEquals(ids.size(), new java.util.HashSet<>(ids).size(), "each note once");
            assertEquals(expected, new java.util.HashSet<>(ids));
        }
        long serverErrors = gatehouse.calls(r -> r.status() >= 500).size();
        System.out.printf("ConcurrencyTest: %d users, %d creates acknowledged, %d deletes, %d notes listed at the end,"
                + " %d failures, %d 5xx in the call record%n", USERS, acknowledged,
                deleted.values().stream().mapToInt(Set::size).sum(), found, failures.size(), serverErrors);
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())));
        assertEquals(USERS * NOTES, acknowledged);
        assertEquals(0, serverErrors);
    }

    private static void check(List<String> failures, String what, SignedCall.Response r, int expected) {
        if (r.status() != expected) {
            failures.add(what + " answered " + r.status() + " " + r.body());
        }
    }
}
