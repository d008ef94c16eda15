package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * Rough single-thread throughput of {@link SigV4Verifier#verify} for a signed 1 KB POST (not a test: run its main
 * with the test classpath). Figures belong in the report, never in assertions.
 */
public final class VerifierBenchmark {

    private VerifierBenchmark() {
    }

    public static void main(String[] args) {
        SigV4Verifier verifier = SdkSigning.verifier(Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC));
        byte[] body = new byte[1024];
        new Random(1).nextBytes(body);
        IncomingRequest request = new SdkSigning.Call().method("POST").path("/notes/abc-123")
                .query("limit", "10").header("Content-Type", "application/json").body(body).incoming();
        if (!verifier.verify(request).accepted()) {
            throw new IllegalStateException("benchmark request does not verify");
        }
        for (int round = 0; round < 5; round++) {
            int n = 200_000;
            long start = System.nanoTime();
            int ok = 0;
            for (int i = 0; i < n; i++) {
                if (verifier.verify(request).accepted()) {
                    ok++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %,.0f verifications/s (%d ok)%n", round, n / seconds, ok);
        }
    }
}
