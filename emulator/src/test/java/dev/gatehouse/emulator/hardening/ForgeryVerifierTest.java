package dev.gatehouse.emulator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.CredentialStore;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;
import dev.gatehouse.emulator.sigv4.SigV4Verifier;
import dev.gatehouse.emulator.sigv4.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, forgery, through the verifier (with the real credential store): at least 10,000 random requests signed by
 * the AWS SDK signer are all accepted, and at least 10,000 forgeries made from them are all refused; changes that keep
 * the request valid are still accepted. Seeded: {@code -Dgatehouse.forgery.seed=N} reproduces a run.
 */
class ForgeryVerifierTest {
    static final int REQUESTS = Integer.getInteger("gatehouse.forgery.requests", 10_000);

    @Test
    void forged_requests_are_refused_and_sdk_signed_ones_accepted() {
        long seed = Long.getLong("gatehouse.forgery.seed", System.nanoTime());
        System.out.println("ForgeryVerifierTest seed " + seed + " (rerun with -Dgatehouse.forgery.seed=" + seed + ")");
        Random random = new Random(seed);
        ControlledClock clock = new ControlledClock();
        clock.freeze(Instant.parse("2026-03-14T15:09:26Z"));
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        List<SignedRequests.Key> keys = List.of(key(issue(store, "alice")), key(issue(store, "bob")),
                key(store.registerDeveloper("123456789012", new GatehouseConfig.Developer("developer",
                        "AIDAEXAMPLEDEVELOPER", "AKIAGATEHOUSEDEVELOP", "developer/secret/key/EXAMPLE"))));
        SigV4Verifier verifier = SigV4Verifier.executeApi(store, clock, SignedRequests.REGION);
        SignedRequests requests = new SignedRequests(random, "127.0.0.1", 8421);
        Forgeries forgeries = new Forgeries(random, keys);

        int valid = 0;
        int validRefused = 0;
        int forged = 0;
        int equivalent = 0;
        Map<Forgeries.Kind, Integer> byKind = new EnumMap<>(Forgeries.Kind.class);
        List<String> failures = new ArrayList<>();
        while (valid < REQUESTS || forged < REQUESTS) {
            SignedRequests.Key key = keys.get(random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(2));
            Instant signedAt = clock.instant().minusSeconds(random.nextInt(240));
            SignedRequests.Signed signed = requests.anyRequest(key, signedAt);
            valid++;
            Verdict verdict = verifier.verify(signed.wire().incoming(clock.instant()));
            if (!verdict.accepted()) {
                validRefused++;
                note(failures, "valid request refused (" + verdict + "):\n" + signed.wire());
                continue;
            }
            Forgeries.Mutation m = forgeries.forge(signed);
            forged++;
            byKind.merge(m.kind(), 1, Integer::sum);
            Verdict forgedVerdict = verifier.verify(m.request().incoming(clock.instant()));
            if (forgedVerdict.accepted()) {
                note(failures, "forgery " + m.kind() + " accepted:\n" + m.request() + "\nfrom:\n" + signed.wire());
            }
            if (random.nextInt(10) == 0) {
                Forgeries.Mutation same = forgeries.equivalent(signed);
                equivalent++;
                byKind.merge(same.kind(), 1, Integer::sum);
                Verdict sameVerdict = verifier.verify(same.request().incoming(clock.instant()));
                if (!sameVerdict.accepted()) {
                    note(failures, "still-valid change " + same.kind() + " refused (" + sameVerdict + "):\n"
                            + same.request());
                }
            }
        }
        System.out.printf("ForgeryVerifierTest seed %d: %d SDK-signed requests, %d refused; %d forgeries, %d accepted;"
                + " %d still-valid changes; by kind %s%n", seed, valid, validRefused, forged,
                failures.stream().filter(f -> f.startsWith("forgery")).count(), equivalent, byKind);
        assertTrue(failures.isEmpty(), () -> failures.size() + " failures (seed " + seed + "), first ones:\n"
                + String.join("\n\n", failures.subList(0, Math.min(5, failures.size()))));
        assertEquals(0, validRefused);
        assertTrue(byKind.keySet().containsAll(List.of(Forgeries.Kind.values())), "every kind tried: " + byKind);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/notes/a/.", "/notes/a/b/..", "/notes/./a/.", "/notes/a/./",
            "/notes/a/b/../"})
    void paths_ending_in_a_dot_segment_are_accepted_as_the_sdk_signs_them(String path) {
        ControlledClock clock = new ControlledClock();
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        SignedRequests.Key key = key(issue(store, "alice"));
        SigV4Verifier verifier = SigV4Verifier.executeApi(store, clock, SignedRequests.REGION);
        SignedRequests.Signed signed = new SignedRequests(new Random(1), "127.0.0.1", 8421)
                .sign("GET", path, new byte[0], key, clock.instant());
        Verdict verdict = verifier.verify(signed.wire().incoming(clock.instant()));
        assertTrue(verdict.accepted(), verdict::toString);
    }

    private static void note(List<String> failures, String failure) {
        failures.add(failure);
    }

    private static Credentials issue(CredentialStore store, String who) {
        return store.issue(new Principal.AssumedRole("123456789012", "notes-auth-role", "AROAEXAMPLEROLEID",
                new CognitoIdentity("us-east-1:" + who, "us-east-1:pool", "cognito-idp.us-east-1.amazonaws.com/pool",
                        who)), Duration.ofHours(1));
    }

    static SignedRequests.Key key(Credentials c) {
        return new SignedRequests.Key(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }
}
