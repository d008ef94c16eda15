package dev.gatehouse.emulator.e2e;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rough throughput of signed {@code GET /notes} through the whole stack (SDK signer, HTTP on loopback, verifier, event,
 * handler, DynamoDB Local): 8 threads, pre-issued credentials, 10 s (bounded by a request count too). Not a test: run
 * its main with the test classpath; figures belong in the report, never in assertions.
 */
public final class SignedGetLoad {
    private SignedGetLoad() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Duration length = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        int maxRequests = 2_000_000;
        try (Gatehouse gatehouse = Gatehouse.builder().port(0).start()) {
            SignIn.IdentityCredentials admin = TestUsers.signIn(gatehouse, TestUsers.ADMIN);
            for (int i = 0; i < 5; i++) {
                ApiCall.of(gatehouse.baseUri(), "POST", "/notes").json("{\"content\":\"note " + i + "\"}").as(admin)
                        .signed().send();
            }
            for (int i = 0; i < 200; i++) { // warm-up
                ApiCall.of(gatehouse.baseUri(), "GET", "/notes").as(admin).signed().send();
            }
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            long end = System.nanoTime() + length.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<long[]>> latencies = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                latencies.add(pool.submit(() -> {
                    long[] micros = new long[1 << 20];
                    int n = 0;
                    while (System.nanoTime() < end && sent.incrementAndGet() <= maxRequests && n < micros.length) {
                        long t0 = System.nanoTime();
                        int status = ApiCall.of(gatehouse.baseUri(), "GET", "/notes").as(admin).signed().send()
                                .status();
                        micros[n++] = (System.nanoTime() - t0) / 1000;
                        if (status != 200) {
                            failed.incrementAndGet();
                        }
                    }
                    return Arrays.copyOf(micros, n);
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> f : latencies) {
                for (long v : f.get()) {
                    all.add(v);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            all.sort(null);
            System.out.printf("%d signed GET /notes in %.1f s with %d threads: %.0f requests/s, %d not 200, "
                            + "latency p50 %.1f ms p99 %.1f ms%n", all.size(), seconds, threads, all.size() / seconds,
                    failed.get(), all.get(all.size() / 2) / 1000.0, all.get((int) (all.size() * 0.99)) / 1000.0);
        }
    }
}
