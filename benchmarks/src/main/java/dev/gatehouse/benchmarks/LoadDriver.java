package dev.gatehouse.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.RunningGatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignedCall;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load driver: every request signed by the AWS SDK v2 signer, as a real client would. Measures, side by side in
 * one run, a signed {@code GET /notes/{id}} through Gatehouse against the same GetItem sent straight to the same
 * DynamoDB Local; then throughput with concurrent clients doing a create/get/list mix.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime.classpath)" dev.gatehouse.benchmarks.LoadDriver \
 *     [--endpoint http://127.0.0.1:8421] [--pid PID] [--threads 16] [--seconds 20] [--latency-samples 2000]
 * </pre>
 * Without {@code --endpoint} it starts a Gatehouse in this JVM. With {@code --pid} it reports that process's peak resident
 * memory during the load ({@link PeakRss}). A wrong option or value stops it with a message that names it.
 */
public final class LoadDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    public static void main(String[] args) throws Exception {
        Options opts = Options.parseOrExit("LoadDriver", args, Map.of("endpoint", Options.Kind.HTTP_URI, "pid",
                Options.Kind.PID, "threads", Options.Kind.POSITIVE, "seconds", Options.Kind.POSITIVE,
                "latency-samples", Options.Kind.POSITIVE), Set.of());
        int threads = opts.number("threads", 16);
        int seconds = opts.number("seconds", 20);
        int samples = opts.number("latency-samples", 2000);
        GatehouseConfig config = ConfigLoader.loadDefault();
        Gatehouse local = null;
        URI endpoint;
        if (opts.has("endpoint")) {
            endpoint = URI.create(opts.text("endpoint"));
        } else {
            local = Gatehouse.builder().port(0).start();
            endpoint = local.baseUri();
        }
        try {
            Outputs outputs = RunningGatehouse.outputs(endpoint);
            List<Client> clients = new ArrayList<>();
            try (SignIn signIn = new SignIn(outputs, endpoint, Clock.systemUTC())) {
                for (int i = 0; i < threads; i++) {
                    String email = "load-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
                    createUser(config, endpoint, email);
                    clients.add(new Client(outputs, signIn.credentials(signIn.srp(email, "Passw0rd!load").idToken())));
                }
            }
            latency(outputs, clients.get(0), samples);
            throughput(clients, seconds, opts.has("pid") ? Long.parseLong(opts.text("pid")) : 0);
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    static void createUser(GatehouseConfig config, URI endpoint, String email) {
        GatehouseConfig.Developer developer = RunningGatehouse.developer(endpoint);
        try (CognitoIdentityProviderClient admin = CognitoIdentityProviderClient.builder()
                .region(Region.of(config.region())).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        developer.accessKeyId(), developer.secretAccessKey()))).build()) {
            admin.adminCreateUser(r -> r.userPoolId(config.userPool().id()).username(email)
                    .messageAction("SUPPRESS"));
            admin.adminSetUserPassword(r -> r.userPoolId(config.userPool().id()).username(email)
                    .password("Passw0rd!load").permanent(true));
        }
    }

    /** A client with a new user of its own, signed in through SRP and the identity pool. */
    static Client client(Outputs outputs, URI endpoint) throws Exception {
        String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        createUser(ConfigLoader.loadDefault(), endpoint, email);
        try (SignIn signIn = new SignIn(outputs, endpoint, Clock.systemUTC())) {
            return new Client(outputs, signIn.credentials(signIn.srp(email, "Passw0rd!load").idToken()));
        }
    }

    /** p50 of the signed GET through Gatehouse and of the direct GetItem (nanoseconds). */
    record Latency(long gatewayP50, long directP50) {
    }

    /** A note of the client's user, made through the API: what the per-call loops read. */
    record Note(String userId, String noteId) {
    }

    static Note createNote(Client client) throws Exception {
        SignedCall.Response r = client.call("POST", "/notes", "{\"content\":\"hello world\"}");
        if (r.status() != 200) {
            throw new IllegalStateException("POST /notes answered " + r.status() + " " + r.body());
        }
        JsonNode note = JSON.readTree(r.body());
        return new Note(note.path("userId").asText(), note.path("noteId").asText());
    }

    /** p50/p99 of a signed GET through Gatehouse and of the same GetItem straight to DynamoDB Local, interleaved. */
    static Latency latency(Outputs outputs, Client client, int samples) throws Exception {
        if (outputs.dynamoDbEndpoint() == null) {
            System.out.println("latency: the target has no DynamoDbEndpoint output; skipped");
            return null;
        }
        return latency(outputs, client, createNote(client), samples);
    }

    static Latency latency(Outputs outputs, Client client, Note note, int samples) throws Exception {
        String noteId = note.noteId();
        Map<String, AttributeValue> key = Map.of("userId", AttributeValue.fromS(note.userId()),
                "noteId", AttributeValue.fromS(noteId));
        long[] gateway = new long[samples];
        long[] direct = new long[samples];
        try (DynamoDbClient db = DynamoDbClient.builder().region(Region.of(outputs.region()))
                .endpointOverride(URI.create(outputs.dynamoDbEndpoint()))
                .httpClient(ApacheHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .build()) {
            SdkHttpClient http = ApacheHttpClient.create(); // the same HTTP stack as the SDK's DynamoDB client
            URI uri = URI.create(outputs.apiEndpoint() + "/notes/" + noteId);
            for (int i = -samples / 5; i < samples; i++) { // the first fifth warms both paths up
                long t0 = System.nanoTime();
                int status = client.signedGet(http, uri);
                long t1 = System.nanoTime();
                db.getItem(r -> r.tableName("notes").key(key));
                long t2 = System.nanoTime();
                if (status != 200) {
                    throw new IllegalStateException("GET /notes/{id} answered " + status);
                }
                if (i >= 0) {
                    gateway[i] = t1 - t0;
                    direct[i] = t2 - t1;
                }
            }
        }
        Arrays.sort(gateway);
        Arrays.sort(direct);
        System.out.printf("latency (%d samples, both over the SDK's Apache HTTP client): signed GET /notes/{id} via Gatehouse p50 %.3f ms p99 %.3f ms; "
                        + "GetItem straight to DynamoDB Local p50 %.3f ms p99 %.3f ms; p50 ratio %.2f%n", samples,
                ms(pct(gateway, 50)), ms(pct(gateway, 99)), ms(pct(direct, 50)), ms(pct(direct, 99)),
                (double) pct(gateway, 50) / pct(direct, 50));
        return new Latency(pct(gateway, 50), pct(direct, 50));
    }

    /**
     * Concurrent clients, each its own user: 25% create, 50% get, 25% list; with {@code pid} > 0, that process's peak
     * resident memory under the load (the kernel's, started over at the load's start; else sampled).
     */
    private static void throughput(List<Client> clients, int seconds, long pid) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> results = new ArrayList<>();
        for (Client c : clients) {
            results.add(pool.submit(() -> c.run(deadline, errors)));
        }
        boolean kernelPeak = pid > 0 && PeakRss.reset(pid);
        long peakRss = 0;
        while (System.nanoTime() < deadline) {
            if (pid > 0) {
                peakRss = Math.max(peakRss, kernelPeak ? PeakRss.peakKb(pid) : PeakRss.residentKb(pid));
            }
            Thread.sleep(250);
        }
        if (kernelPeak) { // the kernel's peak only grows: read it once more at the end of the load
            peakRss = Math.max(peakRss, PeakRss.peakKb(pid));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            for (long v : f.get()) {
                all.add(v);
            }
        }
        pool.shutdown();
        long[] latencies = all.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("throughput: %d clients, %d s: %d requests, %.0f requests/s, p50 %.2f ms, p99 %.2f ms, "
                        + "%d errors%s%n", clients.size(), seconds, latencies.length,
                latencies.length / (double) seconds, ms(pct(latencies, 50)), ms(pct(latencies, 99)), errors.get(),
                pid == 0 ? "" : String.format(", peak RSS %.0f MB (%s)", peakRss / 1024.0,
                        kernelPeak ? "VmHWM since the load began" : "VmRSS sampled every 250 ms"));
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100.0))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** One client: one user, its credentials, its notes. */
    static final class Client {
        private final Outputs outputs;
        private final SignIn.IdentityCredentials credentials;
        private final List<String> notes = new ArrayList<>();

        Client(Outputs outputs, SignIn.IdentityCredentials credentials) {
            this.outputs = outputs;
            this.credentials = credentials;
        }

        SignIn.IdentityCredentials credentials() {
            return credentials;
        }

        /** A GET signed by the SDK signer and sent with the SDK's Apache HTTP client, as the SDK sends GetItem. */
        int signedGet(SdkHttpClient http, URI uri) throws Exception {
            SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build();
            SdkHttpRequest signed = SIGNER.sign(r -> r
                    .identity(AwsSessionCredentialsIdentity.create(credentials.accessKeyId(),
                            credentials.secretAccessKey(), credentials.sessionToken()))
                    .request(unsigned)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, outputs.region())
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)).request();
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed).build())
                    .call();
            try (var body = response.responseBody().orElse(null)) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return response.httpResponse().statusCode();
        }

        SignedCall.Response call(String method, String path, String body) throws Exception {
            return SignedCall.send(outputs.region(), credentials, method, URI.create(outputs.apiEndpoint()), path,
                    body);
        }

        long[] run(long deadline, AtomicLong errors) {
            List<Long> latencies = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                int dice = ThreadLocalRandom.current().nextInt(4);
                long t0 = System.nanoTime();
                try {
                    SignedCall.Response r;
                    if (dice == 0 || notes.isEmpty()) {
                        r = call("POST", "/notes", "{\"content\":\"load\",\"attachment\":\"a.jpg\"}");
                        if (r.status() == 200) {
                            notes.add(JSON.readTree(r.body()).path("noteId").asText());
                        }
                    } else if (dice == 3) {
                        r = call("GET", "/notes", null);
                    } else {
                        r = call("GET", "/notes/" + notes.get(ThreadLocalRandom.current().nextInt(notes.size())),
                                null);
                    }
                    if (r.status() != 200) {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                latencies.add(System.nanoTime() - t0);
            }
            return latencies.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
