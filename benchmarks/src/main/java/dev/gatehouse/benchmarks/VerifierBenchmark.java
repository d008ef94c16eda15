package dev.gatehouse.benchmarks;

import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.CredentialStore;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;
import dev.gatehouse.emulator.sigv4.SigV4Verifier;
import dev.gatehouse.emulator.sigv4.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** SigV4 verification of a signed 1 KB POST, as the IAM authorizer does it on every call (goal: >= 100,000/s/core). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC"})
public class VerifierBenchmark {
    private SigV4Verifier verifier;
    private IncomingRequest request;

    @Setup
    public void setUp() {
        GatehouseConfig config = ConfigLoader.loadDefault();
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        CognitoIdentity identity = new CognitoIdentity("us-east-1:00000000-0000-4000-8000-000000000001",
                config.identityPool().id(), config.userPool().providerName(config.region()),
                "8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f");
        Credentials c = store.issue(new Principal.AssumedRole(config.accountId(), "role", "AROAGATEHOUSEAUTHROLE1",
                identity), Duration.ofHours(1));
        byte[] body = ("{\"content\":\"" + "x".repeat(1000) + "\"}").getBytes(StandardCharsets.UTF_8);
        request = SignedRequests.post(c.accessKeyId(), c.secretAccessKey(), c.sessionToken(),
                URI.create("http://127.0.0.1:8421/notes?limit=10&after=abc"), body, now);
        verifier = SigV4Verifier.executeApi(store, clock, config.region());
        if (!(verifier.verify(request) instanceof Verdict.Accepted)) {
            throw new IllegalStateException("the benchmark request does not verify: " + verifier.verify(request));
        }
    }

    @Benchmark
    public Verdict verifySigned1KbPost() {
        return verifier.verify(request);
    }
}
