package dev.gatehouse.emulator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.record.CallRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, forgery, through the real server with exact bytes on a socket: requests to the notes routes signed by the
 * AWS SDK signer with identity-pool credentials are all accepted and reach the function; forgeries made from them are
 * never accepted, never answered 5xx, and never reach the function (checked in the call record).
 */
class ForgeryServerTest {
    static final int REQUESTS = Integer.getInteger("gatehouse.forgery.serverRequests", 2_000);
    /** How many of the originals are sent too (each runs the function against DynamoDB Local: the slow part). */
    static final int VALID = Integer.getInteger("gatehouse.forgery.serverValid", 1_000);

    static Gatehouse gatehouse;
    static List<SignedRequests.Key> keys;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        keys = new ArrayList<>();
        try (SignIn signIn = new SignIn(gatehouse.outputs(), gatehouse.baseUri(), Clock.systemUTC())) {
            for (GatehouseConfig.User u : gatehouse.config().users().subList(1, 3)) {
                SignIn.IdentityCredentials c = signIn.credentials(signIn.srp(u.email(), u.password()).idToken());
                keys.add(new SignedRequests.Key(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
            }
        }
        GatehouseConfig.Developer d = gatehouse.developerCredentials();
        keys.add(new SignedRequests.Key(d.accessKeyId(), d.secretAccessKey(), null));
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    @Test
    void forgeries_never_reach_the_function_and_signed_requests_always_do() throws Exception {
        long seed = Long.getLong("gatehouse.forgery.seed", System.nanoTime());
        Random random = new Random(seed);
        SignedRequests requests = new SignedRequests(random, "127.0.0.1", gatehouse.port());
        Forgeries forgeries = new Forgeries(random, keys);
        List<SignedRequests.Signed> valid = new ArrayList<>();
        List<Forgeries.Mutation> forged = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            SignedRequests.Signed s = requests.routeRequest(keys.get(random.nextInt(keys.size())),
                    Instant.now().minusSeconds(random.nextInt(60)));
            valid.add(s);
            forged.add(forgeries.forge(s));
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger validAccepted = new AtomicInteger();
        AtomicInteger forgedRefused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                SignedRequests.Signed s = valid.get(i);
                Forgeries.Mutation m = forged.get(i);
                int index = i;
                done.add(pool.submit(() -> {
                    // the forgery first: the original, sent next, may create or delete the note it names
                    RawHttp.Response r = RawHttp.send(gatehouse.port(), m.request().bytes());
                    CallRecord rec = record(r);
                    if (r.status() < 400 || r.status() >= 500 || rec != null && (rec.invoked()
                            || "accepted".equals(rec.verdict()))) {
                        failures.add("forgery " + m.kind() + " answered " + r.status() + " " + r.body()
                                + (rec == null ? "" : ", invoked " + rec.invoked()) + ":\n" + m.request());
                    } else {
                        forgedRefused.incrementAndGet();
                    }
                    if (index >= VALID) {
                        return null;
                    }
                    RawHttp.Response ok = RawHttp.send(gatehouse.port(), s.wire().bytes());
                    CallRecord okRec = record(ok);
                    if (ok.status() == 403 || ok.status() >= 500 || okRec == null || !okRec.invoked()) {
                        failures.add("signed request answered " + ok.status() + " " + ok.body() + " "
                                + ok.header("X-Gatehouse-Reason") + ":\n" + s.wire());
                    } else {
                        validAccepted.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("ForgeryServerTest seed %d: %d SDK-signed requests over a socket, %d accepted and invoked;"
                + " %d forgeries, %d refused without invoking%n", seed, VALID, validAccepted.get(), REQUESTS,
                forgedRefused.get());
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures (seed " + seed + "), first ones:\n"
                + String.join("\n\n", failures.subList(0, Math.min(5, failures.size()))));
        assertEquals(VALID, validAccepted.get());
        assertEquals(REQUESTS, forgedRefused.get());
    }

    private static CallRecord record(RawHttp.Response r) {
        String id = r.header("apigw-requestid");
        return id == null ? null : gatehouse.callLog().byRequestId(id).orElse(null);
    }
}
