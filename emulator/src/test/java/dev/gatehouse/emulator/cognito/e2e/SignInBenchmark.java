package dev.gatehouse.emulator.cognito.e2e;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.SignIn;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rough figures for the guide's three steps against an in-process Gatehouse over loopback HTTP (not a test; figures
 * belong in reports, never in assertions):
 * <ol>
 *   <li>the whole flow (SRP sign-in, GetId, GetCredentialsForIdentity, one signed POST /notes), {@code runs} times:
 *   median and p90, and the median of each step;</li>
 *   <li>SRP sign-ins per second with 2 and 4 client threads, {@code seconds} each.</li>
 * </ol>
 * Run from the repository root:
 * <pre>
 * ./mvnw -o -q -pl emulator -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test.cp \
 *     -Dmdep.includeScope=test
 * java -cp emulator/target/test-classes:emulator/target/classes:$(cat emulator/target/test.cp) \
 *     dev.gatehouse.emulator.cognito.e2e.SignInBenchmark [runs=50] [seconds=10]
 * </pre>
 */
public final class SignInBenchmark {
    private static final String EMAIL = "admin@example.com";
    private static final String PASSWORD = "Passw0rd!";

    private SignInBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (Gatehouse gatehouse = Gatehouse.builder().port(0).start();
             SignIn signIn = new SignIn(gatehouse.outputs(), gatehouse.baseUri(), Clock.systemUTC())) {
            flow(gatehouse, signIn, 10); // warm-up: JIT, connection pools, handler classes
            long[][] steps = flow(gatehouse, signIn, runs);
            System.out.printf("whole flow, %d runs: median %.1f ms, p90 %.1f ms, min %.1f ms%n", runs,
                    ms(percentile(steps[3], 50)), ms(percentile(steps[3], 90)), ms(percentile(steps[3], 0)));
            System.out.printf("  median per step: SRP sign-in %.1f ms, GetId+GetCredentialsForIdentity %.1f ms, "
                    + "signed POST /notes %.1f ms%n", ms(percentile(steps[0], 50)), ms(percentile(steps[1], 50)),
                    ms(percentile(steps[2], 50)));
            for (int threads : new int[] {2, 4}) {
                signInsPerSecond(signIn, threads, seconds);
            }
        }
    }

    /** Runs the flow {@code n} times; returns nanos per run for [sign-in, credentials, call, total]. */
    private static long[][] flow(Gatehouse gatehouse, SignIn signIn, int n) throws Exception {
        Outputs outputs = gatehouse.outputs();
        long[][] t = new long[4][n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            SignIn.Tokens tokens = signIn.srp(EMAIL, PASSWORD);
            long signedIn = System.nanoTime();
            SignIn.IdentityCredentials c = signIn.credentials(tokens.idToken());
            long credentials = System.nanoTime();
            HttpResponse<String> r = ApiRequest.send(AwsSessionCredentialsIdentity.create(c.accessKeyId(),
                    c.secretAccessKey(), c.sessionToken()), "POST", URI.create(outputs.apiEndpoint()), "/notes",
                    "{\"content\":\"benchmark " + i + "\"}");
            long called = System.nanoTime();
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the signed call answered " + r.statusCode() + ": " + r.body());
            }
            t[0][i] = signedIn - start;
            t[1][i] = credentials - signedIn;
            t[2][i] = called - credentials;
            t[3][i] = called - start;
        }
        return t;
    }

    private static void signInsPerSecond(SignIn signIn, int threads, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> all = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                all.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        signIn.srp(EMAIL, PASSWORD);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("SRP sign-ins, %d client threads, %.1f s: %d, %.1f/s%n", threads, elapsed, done.get(),
                    done.get() / elapsed);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long percentile(long[] values, int p) {
        List<Long> sorted = new ArrayList<>();
        for (long v : values) {
            sorted.add(v);
        }
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - (p == 0 ? 0 : 1));
        return sorted.get(Math.max(0, index));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
