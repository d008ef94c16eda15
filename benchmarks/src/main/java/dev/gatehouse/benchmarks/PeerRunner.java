package dev.gatehouse.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.contracts.Target;
import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignedCall;
import dev.gatehouse.emulator.config.ConfigLoader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatehouse side by side with its peers, interleaved in one run, every figure printed as a ratio with the machine's
 * load average beside it. {@code benchmarks/run} builds, installs cognito-local from npm and calls this; see the
 * README's Performance section. Everything it starts listens on 127.0.0.1 and is listed in {@code <work>/pids} (the
 * script's trap kills them even if this JVM dies).
 *
 * <p>Start-ups are timed from outside: wall time from spawning the process to its first successful InitiateAuth
 * (USER_PASSWORD_AUTH), CPU time from {@code /proc/PID/stat} (utime+stime+cutime+cstime) read at that moment.
 */
public final class PeerRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration REFILL_LIMIT = Duration.ofSeconds(120);
    private static final int POOL_SIZE = 4; // KeyPool.DEFAULT_SIZE
    static final double TICKS = 100.0; // USER_HZ on Linux
    /** The fixture user the sign-in figures sign in (also {@link InterleavedSignIns}). */
    static final String USER = "alice@example.com";
    static final String PASSWORD = "Passw0rd!alice";
    private static final String CLIENT_ID = "4gatehouse1notes2client3id";

    private final Path repo;
    private final Path cognitoLocal;
    private final Path work;
    private final Path nodeClient;
    private final Path notesNodeConfig;
    private final Path notesNodeCode;
    private final int gatehousePort;
    private final int cognitoPort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private String peerClientId;
    private int wrkWarmUp;

    private PeerRunner(Path repo, Path cognitoLocal, Path work, Path nodeClient, Path notesNodeConfig, int port) {
        this.repo = repo;
        this.cognitoLocal = cognitoLocal;
        this.work = work;
        this.nodeClient = nodeClient;
        this.notesNodeConfig = notesNodeConfig;
        this.notesNodeCode = notesNodeConfig == null ? null : notesNodeConfig.resolveSibling("src");
        this.gatehousePort = port;
        this.cognitoPort = port + 1;
    }

    public static void main(String[] args) throws Exception {
        Options o = options(args);
        PeerRunner runner = new PeerRunner(Path.of(o.text("repo")).toAbsolutePath(),
                Path.of(o.text("cognito-local")).toAbsolutePath(), Path.of(o.text("work")).toAbsolutePath(),
                Path.of(o.text("node-client")).toAbsolutePath(),
                !o.has("notes-node-config") || "-".equals(o.text("notes-node-config")) ? null
                        : Path.of(o.text("notes-node-config")).toAbsolutePath(),
                o.number("port"));
        Runtime.getRuntime().addShutdownHook(new Thread(runner::stopAll));
        try {
            runner.run(o, Duration.ofSeconds(o.number("loop-limit")));
        } finally {
            runner.stopAll();
        }
    }

    /**
     * The archive the launcher uses with the JDK it runs (JAVA_HOME's, else the PATH's, which also runs this runner):
     * an AOT cache per JDK version on 25 or later, the AppCDS archive before; null when it is not there.
     */
    private Path archive() throws IOException {
        String version = Runtime.version().toString();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isEmpty() && Files.isRegularFile(Path.of(javaHome, "release"))) {
            for (String line : Files.readAllLines(Path.of(javaHome, "release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        }
        int feature = Integer.parseInt(version.split("[.+-]")[0]);
        Path archive = repo.resolve("launcher/target").resolve(feature >= 25 ? "gatehouse-jdk" + version + ".aot"
                : "gatehouse.jsa");
        return Files.exists(archive) ? archive : null;
    }

    private void run(Options o, Duration loopLimit) throws Exception {
        int wrkSeconds = o.number("wrk-seconds");
        int connections = o.number("connections");
        Path cds = archive();
        System.out.printf("load %s | Gatehouse (%s; class-data archive %s) vs cognito-local (%s), loopback, ports %d/%d"
                        + "%n", load(), repo.resolve("gatehouse"),
                "off".equals(System.getenv("GATEHOUSE_CDS")) ? "off (GATEHOUSE_CDS)" : cds == null ? "missing"
                        : cds.getFileName() + " " + Files.size(cds) / (1024 * 1024) + " MB",
                cognitoLocal, gatehousePort, cognitoPort);
        seedCognitoLocal();
        startUps(o.number("starts"), loopLimit);
        signIns(o.number("sign-ins"), loopLimit);
        wrkWarmUp = o.number("wrk-warm-up");
        perCallAndThroughput(o.number("gets"), o.number("three-steps"),
                o.number("fresh-users"), wrkSeconds, connections);
        nodeThroughput(o.number("node-wrk-seconds"), connections);
        runtimeApi(o.number("runtime-iterations"), o.number("cold-starts"));
    }

    // ---- cognito-local: one pool, one client, one confirmed user, made before any timing -------------------------

    private void seedCognitoLocal() throws Exception {
        Files.createDirectories(work.resolve("cognito-local"));
        Process p = startCognitoLocal();
        try {
            URI uri = cognitoUri();
            long deadline = System.nanoTime() + START_LIMIT.toNanos();
            JsonNode pool = null;
            while (pool == null && System.nanoTime() < deadline) {
                try {
                    pool = cognito(uri, "CreateUserPool", "{\"PoolName\":\"bench\"}");
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            if (pool == null) {
                throw new IllegalStateException("cognito-local did not answer within " + START_LIMIT);
            }
            String poolId = pool.path("UserPool").path("Id").asText();
            peerClientId = cognito(uri, "CreateUserPoolClient", "{\"UserPoolId\":\"" + poolId
                    + "\",\"ClientName\":\"bench\",\"ExplicitAuthFlows\":[\"ALLOW_USER_PASSWORD_AUTH\","
                    + "\"ALLOW_REFRESH_TOKEN_AUTH\"]}").path("UserPoolClient").path("ClientId").asText();
            cognito(uri, "AdminCreateUser", "{\"UserPoolId\":\"" + poolId + "\",\"Username\":\"" + USER
                    + "\",\"MessageAction\":\"SUPPRESS\"}");
            cognito(uri, "AdminSetUserPassword", "{\"UserPoolId\":\"" + poolId + "\",\"Username\":\"" + USER
                    + "\",\"Password\":\"" + PASSWORD + "\",\"Permanent\":true}");
            if (!signIn(uri, peerClientId)) {
                throw new IllegalStateException("cognito-local: the seeded user cannot sign in");
            }
        } finally {
            stop(p);
        }
    }

    // ---- start-ups ----------------------------------------------------------------------------------------------

    private void startUps(int n, Duration loopLimit) throws Exception {
        if (n <= 0) {
            return;
        }
        // The pool of keys made ahead starts empty (a new work folder): one untimed start fills it, as any run that
        // outlives its refill does; every timed pooled start then waits for its own refill before it is stopped.
        Started seed = startGatehouse(null, true);
        double[] seeded = timeStart(seed, gatehouseUri(), CLIENT_ID, true);
        System.out.printf("  seeding start (untimed) filled the key pool %s: %.2f CPU-s after its first sign-in%n",
                keyPool(), seeded[2]);
        List<double[]> pooled = new ArrayList<>();
        List<double[]> unpooled = new ArrayList<>();
        List<double[]> theirs = new ArrayList<>();
        long deadline = System.nanoTime() + loopLimit.toNanos();
        String[] names = {"Gatehouse", "Gatehouse --no-key-pool", "cognito-local"};
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            for (int k = 0; k < 3; k++) {
                int side = (i + k) % 3; // rotate which goes first
                double[] r = switch (side) {
                    case 0 -> timeStart(startGatehouse(null, true), gatehouseUri(), CLIENT_ID, true);
                    case 1 -> timeStart(startGatehouse(null, false), gatehouseUri(), CLIENT_ID, false);
                    default -> timeStart(startCognitoLocalTimed(), cognitoUri(), peerClientId, false);
                };
                (side == 0 ? pooled : side == 1 ? unpooled : theirs).add(r);
                System.out.printf("  start %d %-23s %6.0f ms wall %5.2f CPU-s%s  load %s%n", i + 1, names[side],
                        r[0], r[1], side == 0 ? String.format(" (+%.2f CPU-s after it: DynamoDB Local, the tables, "
                                + "the functions, the key pool's refill; first signed GET /notes %.0f ms after "
                                + "spawning)", r[2], r[3]) : "", load());
            }
        }
        double theirWall = median(theirs, 0), theirCpu = median(theirs, 1);
        System.out.printf("start to first InitiateAuth, %d starts each (medians): Gatehouse %.0f ms %.2f CPU-s "
                        + "(+%.2f CPU-s after it: DynamoDB Local, tables, functions, key pool refill) | Gatehouse --no-key-pool %.0f ms %.2f CPU-s | "
                        + "cognito-local %.0f ms %.2f CPU-s | ratio wall %.2f CPU %.2f (--no-key-pool: wall %.2f CPU %.2f)"
                        + "  load %s%n", pooled.size(),
                median(pooled, 0), median(pooled, 1), median(pooled, 2), median(unpooled, 0), median(unpooled, 1),
                theirWall, theirCpu, median(pooled, 0) / theirWall, median(pooled, 1) / theirCpu,
                median(unpooled, 0) / theirWall, median(unpooled, 1) / theirCpu, load());
        System.out.printf("  Gatehouse's first signed GET /notes (DynamoDB Local, the tables and the functions start "
                + "after the ready line; SRP sign-in, identity pool, call): %.0f ms after spawning, %.0f ms after the "
                + "first InitiateAuth (medians)%n", median(pooled, 3), median(pooled, 3) - median(pooled, 0));
    }

    /** The runner's own key pool (its Gatehouses never take the user's {@code ~/.gatehouse/keys}). */
    private Path keyPool() {
        return work.resolve("keys");
    }

    private int pooledKeys() throws IOException {
        if (!Files.isDirectory(keyPool())) {
            return 0;
        }
        try (var files = Files.list(keyPool())) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".jwk")).count();
        }
    }

    /**
     * Spawned a moment ago: polls InitiateAuth until it succeeds, reads the CPU used so far; with {@code awaitRefill}
     * (a pooled Gatehouse), makes the first signed {@code GET /notes} as a client would (outputs, SRP sign-in,
     * identity pool credentials, the call: it waits for DynamoDB Local and the functions, which start after the ready
     * line; its time from spawning is the fourth figure), then lets it run until its key pool is full again (the CPU
     * from the first sign-in to then is the third figure); then stops the process.
     */
    private double[] timeStart(Started s, URI uri, String clientId, boolean awaitRefill) throws Exception {
        try {
            while (System.nanoTime() - s.t0 < START_LIMIT.toNanos()) {
                if (!s.process.isAlive()) {
                    throw new IllegalStateException(s.name + " exited with " + s.process.exitValue()
                            + " before a sign-in succeeded (log: " + s.log + ")");
                }
                try {
                    if (listening(uri) && signIn(uri, clientId)) {
                        double wallMs = (System.nanoTime() - s.t0) / 1e6;
                        double cpu = cpuSeconds(s.process.pid());
                        double refill = 0;
                        double firstNotes = 0;
                        if (awaitRefill) {
                            Outputs outputs = outputs(uri);
                            try (SignIn signIn = new SignIn(outputs, uri, java.time.Clock.systemUTC())) {
                                SignIn.IdentityCredentials c = signIn.credentials(signIn.srp(USER, PASSWORD)
                                        .idToken());
                                SignedCall.Response r = SignedCall.send(outputs.region(), c, "GET",
                                        URI.create(outputs.apiEndpoint()), "/notes", null);
                                if (r.status() != 200) {
                                    throw new IllegalStateException(s.name + ": the first GET /notes answered "
                                            + r.status() + " (log: " + s.log + ")");
                                }
                            }
                            firstNotes = (System.nanoTime() - s.t0) / 1e6;
                            long limit = System.nanoTime() + REFILL_LIMIT.toNanos();
                            while (pooledKeys() < POOL_SIZE) {
                                if (System.nanoTime() > limit || !s.process.isAlive()) {
                                    throw new IllegalStateException(s.name + ": the key pool " + keyPool()
                                            + " was not refilled within " + REFILL_LIMIT + " (log: " + s.log + ")");
                                }
                                Thread.sleep(20);
                            }
                            refill = cpuSeconds(s.process.pid()) - cpu;
                        }
                        return new double[] {wallMs, cpu, refill, firstNotes};
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException(s.name + ": no successful InitiateAuth within " + START_LIMIT);
        } finally {
            stop(s.process);
        }
    }

    /**
     * Whether something accepts connections at {@code uri}'s port: a plain TCP connect, refused at once while nothing
     * listens. The start loop asks this before each InitiateAuth, so that what the poller costs while a process starts
     * (every 5 ms) is a refused connect, not the HTTP client's failed-connect path, JIT-cold in this JVM: that took CPU
     * from the two cores the timed process starts on (quiet machine, 2026-12-03: Gatehouse 1,145 ms and cognito-local
     * 702 ms with the HTTP client alone, 895 and 592 ms with this check; a light Python poller agrees with the latter).
     */
    private static boolean listening(URI uri) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private record Started(String name, Process process, long t0, Path log) {
    }

    /** {@code ./gatehouse start} with the default configuration, or with {@code config}. */
    private Started startGatehouse(Path config) throws IOException {
        return startGatehouse(config, true);
    }

    /** With {@code keyPool}, its keys come from the runner's own pool; without, they are generated at start. */
    private Started startGatehouse(Path config, boolean keyPool) throws IOException {
        Path log = work.resolve("gatehouse-start.log");
        List<String> command = new ArrayList<>(List.of(repo.resolve("gatehouse").toString(), "start", "--port",
                String.valueOf(gatehousePort)));
        command.addAll(keyPool ? List.of("--key-pool", keyPool().toString()) : List.of("--no-key-pool"));
        if (config != null) {
            command.addAll(List.of("--config", config.toString()));
        }
        long t0 = System.nanoTime();
        Process p = spawn(new ProcessBuilder(command).directory(repo.toFile()), log);
        return new Started("Gatehouse", p, t0, log);
    }

    private Process startCognitoLocal() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("node", cognitoLocal.toString())
                .directory(work.resolve("cognito-local").toFile());
        pb.environment().put("HOST", "127.0.0.1");
        pb.environment().put("PORT", String.valueOf(cognitoPort));
        pb.environment().put("DEBUG", "");
        return spawn(pb, work.resolve("cognito-local.log"));
    }

    private Started startCognitoLocalTimed() throws IOException {
        long t0 = System.nanoTime();
        return new Started("cognito-local", startCognitoLocal(), t0, work.resolve("cognito-local.log"));
    }

    private Process spawn(ProcessBuilder pb, Path log) throws IOException {
        Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        started.add(p);
        Files.writeString(work.resolve("pids"), p.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return p;
    }

    private void stop(Process p) {
        p.destroy(); // SIGTERM: the clean shutdown path of both
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        started.remove(p);
    }

    private void stopAll() {
        for (Process p : new ArrayList<>(started)) {
            p.descendants().forEach(ProcessHandle::destroy);
            stop(p);
        }
    }

    // ---- sign-ins -----------------------------------------------------------------------------------------------

    private void signIns(int n, Duration loopLimit) throws Exception {
        if (n <= 0) {
            return;
        }
        Started g = startGatehouse(null);
        Process c = startCognitoLocal();
        try {
            awaitSignIn(gatehouseUri(), CLIENT_ID, g.process);
            awaitSignIn(cognitoUri(), peerClientId, c);
            int warm = Math.max(1, n / 10);
            long[] ours = new long[n];
            long[] theirs = new long[n];
            int done = 0;
            long deadline = System.nanoTime() + loopLimit.toNanos();
            for (int i = -warm; i < n && System.nanoTime() < deadline; i++) {
                long t0 = System.nanoTime();
                boolean a = signIn(gatehouseUri(), CLIENT_ID);
                long t1 = System.nanoTime();
                boolean b = signIn(cognitoUri(), peerClientId);
                long t2 = System.nanoTime();
                if (!a || !b) {
                    throw new IllegalStateException("a sign-in failed (Gatehouse " + a + ", cognito-local " + b + ")");
                }
                if (i >= 0) {
                    ours[i] = t1 - t0;
                    theirs[i] = t2 - t1;
                    done++;
                }
            }
            ours = Arrays.copyOf(ours, done);
            theirs = Arrays.copyOf(theirs, done);
            Arrays.sort(ours);
            Arrays.sort(theirs);
            System.out.printf("InitiateAuth USER_PASSWORD_AUTH, %d sequential each, alternating: Gatehouse p50 %.1f "
                            + "p99 %.1f ms | cognito-local p50 %.1f p99 %.1f ms | ratio p50 %.2f p99 %.2f  load %s%n",
                    done, ms(pct(ours, 50)), ms(pct(ours, 99)), ms(pct(theirs, 50)), ms(pct(theirs, 99)),
                    (double) pct(ours, 50) / pct(theirs, 50), (double) pct(ours, 99) / pct(theirs, 99), load());
        } finally {
            stop(c);
            stop(g.process);
        }
    }

    private void awaitSignIn(URI uri, String clientId, Process p) throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if (signIn(uri, clientId)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(uri + " did not sign in within " + START_LIMIT);
    }

    private boolean signIn(URI uri, String clientId) throws IOException, InterruptedException {
        HttpResponse<String> r = post(uri, "InitiateAuth", "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\""
                + clientId + "\",\"AuthParameters\":{\"USERNAME\":\"" + USER + "\",\"PASSWORD\":\"" + PASSWORD + "\"}}");
        return r.statusCode() == 200 && r.body().contains("\"IdToken\"");
    }

    private JsonNode cognito(URI uri, String action, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = post(uri, action, body);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("cognito-local " + action + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(URI uri, String action, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + action)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- per call, sign-in flow, fresh users and throughput (one Gatehouse, the JSON configuration's API) ----------

    private void perCallAndThroughput(int gets, int threeSteps, int freshUsers, int wrkSeconds, int connections)
            throws Exception {
        Started g = startGatehouse(null);
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + gatehousePort);
            Outputs outputs = awaitOutputs(endpoint, g.process);
            LoadDriver.Client client = LoadDriver.client(outputs, endpoint);
            LoadDriver.Note note = LoadDriver.createNote(client);
            perCall(outputs, client, note, gets, "a fresh Gatehouse");
            threeStep(outputs, endpoint, threeSteps, "");
            freshUsers(outputs, endpoint, freshUsers);
            if (wrkSeconds > 0) {
                throughput(endpoint, outputs, g.process, wrkSeconds, connections);
                // The same pairs again on the server the wrk load has warmed: after a fresh start's first few thousand
                // calls the request path is still at C1's profiling tier (benchmarks/PERFORMANCE.md, per call)
                perCall(outputs, client, note, gets, "after the wrk load");
                threeStep(outputs, endpoint, threeSteps, ", after the wrk load");
            }
        } finally {
            stop(g.process);
        }
    }

    /** Signed GET against the direct GetItem, from the Java Apache client and the Node.js keep-alive client. */
    private void perCall(Outputs outputs, LoadDriver.Client client, LoadDriver.Note note, int gets, String when)
            throws Exception {
        if (gets <= 0) {
            return;
        }
        LoadDriver.Latency l = LoadDriver.latency(outputs, client, note, gets);
        System.out.printf("signed GET /notes/{id} vs GetItem straight to DynamoDB Local (Java, Apache client, "
                        + "%d interleaved, %s): Gatehouse p50 %.2f ms | direct p50 %.2f ms | ratio %.2f  load %s%n",
                gets, when, ms(l.gatewayP50()), ms(l.directP50()), (double) l.gatewayP50() / l.directP50(), load());
        nodeKeepAlive(outputs, client, note, gets, when);
    }

    /** The same pair as the Apache loop, from a Node.js keep-alive client (signed-get.mjs, SDK v3 signer and client). */
    private void nodeKeepAlive(Outputs outputs, LoadDriver.Client client, LoadDriver.Note note, int gets, String when)
            throws Exception {
        SignIn.IdentityCredentials c = client.credentials();
        ProcessBuilder pb = new ProcessBuilder("node", nodeClient.toString());
        Map<String, String> env = pb.environment();
        env.put("URL", outputs.apiEndpoint() + "/notes/" + note.noteId());
        env.put("REGION", outputs.region());
        env.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", c.sessionToken());
        env.put("DYNAMODB_ENDPOINT", outputs.dynamoDbEndpoint());
        env.put("TABLE", "notes");
        env.put("USER_ID", note.userId());
        env.put("NOTE_ID", note.noteId());
        env.put("SAMPLES", String.valueOf(gets));
        Path out = work.resolve("node-client.out");
        Process p = spawn(pb, out);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            stop(p);
            throw new IllegalStateException("the Node.js client failed: " + Files.readString(out));
        }
        started.remove(p);
        String last = Files.readAllLines(out).stream().filter(line -> line.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("the Node.js client printed no result"));
        JsonNode r = JSON.readTree(last);
        long gateway = r.path("gatewayP50").asLong();
        long direct = r.path("directP50").asLong();
        System.out.printf("signed GET /notes/{id} vs GetItem straight to DynamoDB Local (Node.js keep-alive client, "
                        + "SDK v3, %d interleaved, %s): Gatehouse p50 %.2f ms | direct p50 %.2f ms | ratio %.2f  load "
                        + "%s%n", gets, when, ms(gateway), ms(direct), (double) gateway / direct, load());
    }

    /** The guide's three steps, timed each: SRP sign-in, GetId + GetCredentialsForIdentity, one signed GET. */
    private void threeStep(Outputs outputs, URI endpoint, int n, String when) throws Exception {
        if (n <= 0) {
            return;
        }
        long[] srp = new long[n];
        long[] identity = new long[n];
        long[] call = new long[n];
        long[] total = new long[n];
        long before = lastRecord(endpoint);
        int warmUp = Math.max(1, n / 5);
        try (SignIn signIn = new SignIn(outputs, endpoint, java.time.Clock.systemUTC())) {
            for (int i = -warmUp; i < n; i++) {
                long t0 = System.nanoTime();
                SignIn.Tokens tokens = signIn.srp(USER, PASSWORD);
                long t1 = System.nanoTime();
                SignIn.IdentityCredentials c = signIn.credentials(tokens.idToken());
                long t2 = System.nanoTime();
                SignedCall.Response r = SignedCall.send(outputs.region(), c, "GET",
                        URI.create(outputs.apiEndpoint()), "/notes", null);
                long t3 = System.nanoTime();
                if (r.status() != 200) {
                    throw new IllegalStateException("the three-step flow's GET /notes answered " + r.status());
                }
                if (i >= 0) {
                    srp[i] = t1 - t0;
                    identity[i] = t2 - t1;
                    call[i] = t3 - t2;
                    total[i] = t3 - t0;
                }
            }
        }
        for (long[] a : List.of(srp, identity, call, total)) {
            Arrays.sort(a);
        }
        System.out.printf("three-step sign-in (SRP, GetId + GetCredentialsForIdentity, signed GET /notes; Java SDK "
                        + "clients)%s, %d sequential: p50 %.1f ms (SRP %.1f + identity pool %.1f + call %.1f) p99 %.1f"
                        + " ms = %.2f of the 15 ms goal  load %s%n", when, n, ms(pct(total, 50)), ms(pct(srp, 50)),
                ms(pct(identity, 50)), ms(pct(call, 50)), ms(pct(total, 99)), ms(pct(total, 50)) / 15, load());
        System.out.println("  " + serverShare(endpoint, before, warmUp, n));
    }

    /** The sequence number of the newest call record (0 when none). */
    private long lastRecord(URI endpoint) throws IOException, InterruptedException {
        JsonNode records = requests(endpoint, "limit=1");
        return records.size() == 0 ? 0 : records.get(0).path("sequence").asLong();
    }

    private JsonNode requests(URI endpoint, String query) throws IOException, InterruptedException {
        return JSON.readTree(admin(endpoint, "requests?" + query));
    }

    /** {@code GET /_gatehouse/<pathAndQuery>} with the admin token of the Gatehouse at {@code endpoint}: its 200's body. */
    private String admin(URI endpoint, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/_gatehouse/" + pathAndQuery))
                .header(AdminToken.HEADER, AdminToken.find(endpoint).orElseThrow(() ->
                        new IllegalStateException(AdminToken.notFound(endpoint)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /_gatehouse/" + pathAndQuery + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /**
     * Gatehouse's own part of the three-step flows after {@code before}: per flow (an InitiateAuth starts one), the sum
     * of its calls' recorded durations (from the request read to the answer ready: no loopback, no client), p50 over
     * the measured flows; the rest of a flow is the client's JVM and the loopback exchanges.
     */
    String serverShare(URI endpoint, long before, int warmUp, int n) throws IOException, InterruptedException {
        List<double[]> flows = new ArrayList<>(); // SRP, identity pool, call
        for (JsonNode r : requests(endpoint, "since=" + before)) {
            String op = r.path("operation").asText();
            if (op.equals("InitiateAuth")) {
                flows.add(new double[3]);
            }
            if (flows.isEmpty()) {
                continue;
            }
            int step = switch (op) {
                case "InitiateAuth", "RespondToAuthChallenge" -> 0;
                case "GetId", "GetCredentialsForIdentity" -> 1;
                default -> 2;
            };
            flows.get(flows.size() - 1)[step] += r.path("durationMs").asDouble();
        }
        if (flows.size() != warmUp + n) {
            return "(Gatehouse's own part: " + flows.size() + " flows in its call records, " + (warmUp + n)
                    + " made: the record log holds the last 2,000 calls)";
        }
        List<double[]> measured = flows.subList(warmUp, flows.size());
        double[] srp = measured.stream().mapToDouble(f -> f[0]).sorted().toArray();
        double[] identity = measured.stream().mapToDouble(f -> f[1]).sorted().toArray();
        double[] call = measured.stream().mapToDouble(f -> f[2]).sorted().toArray();
        double[] sum = measured.stream().mapToDouble(f -> f[0] + f[1] + f[2]).sorted().toArray();
        return String.format("of it Gatehouse's own time (its call records' durations, request read to answer ready): "
                + "p50 %.1f ms a flow (SRP %.1f + identity pool %.1f + call %.1f); the rest is the client's JVM and "
                + "the loopback", sum[n / 2], srp[n / 2], identity[n / 2], call[n / 2]);
    }

    /** What one {@code @FreshUser} parameter costs: the contracts' Target.freshUser (create, password, sign-in). */
    private void freshUsers(Outputs outputs, URI endpoint, int n) throws Exception {
        if (n <= 0) {
            return;
        }
        long[] create = new long[n];
        long[] delete = new long[n];
        try (Target target = Target.runningAt(endpoint, outputs, ConfigLoader.loadDefault())) {
            for (int i = -Math.max(1, n / 5); i < n; i++) {
                String email = "fresh-" + (i + n) + "-" + UUID.randomUUID().toString().substring(0, 8)
                        + "@example.com";
                long t0 = System.nanoTime();
                target.freshUser(email).credentials();
                long t1 = System.nanoTime();
                target.deleteUser(email);
                long t2 = System.nanoTime();
                if (i >= 0) {
                    create[i] = t1 - t0;
                    delete[i] = t2 - t1;
                }
            }
        }
        Arrays.sort(create);
        Arrays.sort(delete);
        System.out.printf("@FreshUser set-up (AdminCreateUser, AdminSetUserPassword, SRP sign-in, identity pool "
                        + "credentials), %d sequential: p50 %.1f ms p99 %.1f ms; its clean-up (AdminDeleteUser) p50 "
                        + "%.1f ms  load %s%n", n, ms(pct(create, 50)), ms(pct(create, 99)), ms(pct(delete, 50)),
                load());
    }

    // ---- issue 13: the Lambda Runtime API ------------------------------------------------------------------------

    /** Node.js handlers (the notes example through the Runtime API) under the same wrk load as the Java run. */
    private void nodeThroughput(int wrkSeconds, int connections) throws Exception {
        if (wrkSeconds <= 0) {
            return;
        }
        if (notesNodeConfig == null) {
            System.out.println("Node.js notes API throughput: not measured (no --notes-node-config)");
            return;
        }
        Started g = startGatehouse(notesNodeConfig);
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + gatehousePort);
            awaitOutputs(endpoint, g.process);
            // a first run (not counted) grows each route's pool of environments to the connections
            Path script = work.resolve("signed.lua");
            WrkScript.main(new String[] {endpoint.toString(), String.valueOf(connections), script.toString()});
            Rss rss = new Rss(g.process);
            wrk(endpoint, script, Math.max(10, wrkSeconds), connections, false, rss)
                    .printWarmUp("warm-up, not counted");
            wrk(endpoint, script, wrkSeconds, connections, false, rss)
                    .print("wrk mixed 20/60/20, Node.js via the Runtime API", rss);
        } finally {
            stop(g.process);
        }
    }

    private void runtimeApi(int iterations, int coldStarts) throws Exception {
        if (iterations <= 0) {
            return;
        }
        System.out.printf("Lambda Runtime API (in one JVM; RuntimeApiBenchmark %d %d)  load %s%n", iterations,
                coldStarts, load());
        RuntimeApiBenchmark.main(new String[] {String.valueOf(iterations), String.valueOf(coldStarts),
                notesNodeCode == null ? "-" : notesNodeCode.toString()});
        System.out.printf("  load %s%n", load());
    }

    /** Waits for the first sign-in and for outputs naming the DynamoDB endpoint (bounded). */
    private Outputs awaitOutputs(URI endpoint, Process p) throws Exception {
        awaitSignIn(gatehouseUri(), CLIENT_ID, p);
        Outputs outputs = outputs(endpoint);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (outputs.dynamoDbEndpoint() == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            outputs = outputs(endpoint);
        }
        if (outputs.dynamoDbEndpoint() == null) {
            throw new IllegalStateException("the outputs name no DynamoDbEndpoint");
        }
        return outputs;
    }

    private Outputs outputs(URI endpoint) throws IOException, InterruptedException {
        return JSON.readValue(admin(endpoint, "outputs"), Outputs.class);
    }

    /**
     * The mixed load on Gatehouse, then the same mix straight to its DynamoDB Local (the ceiling: what the database
     * sustains without Gatehouse and the handlers' SDK in front of it). Each side first runs a warm-up of
     * {@code --wrk-warm-up} seconds with users of its own (not counted: the JIT compiles the request path as a real
     * load test's ramp-up would), then the measured window with new users, each starting with one note as they would
     * without a warm-up (the mix's creates make every list longer the longer a run lasts), then gets only.
     */
    private void throughput(URI endpoint, Outputs outputs, Process gatehouse, int seconds, int connections)
            throws Exception {
        URI dynamoDb = URI.create(outputs.dynamoDbEndpoint());
        int getSeconds = Math.max(5, seconds / 2);
        Rss rss = new Rss(gatehouse);
        Path warmUp = work.resolve("signed-warm-up.lua");
        Path measured = work.resolve("signed.lua");
        WrkScript.main(new String[] {endpoint.toString(), String.valueOf(connections), warmUp.toString()});
        WrkScript.main(new String[] {endpoint.toString(), String.valueOf(connections), measured.toString()});
        if (wrkWarmUp > 0) {
            wrk(endpoint, warmUp, wrkWarmUp, connections, false, rss)
                    .printWarmUp("warm-up of Gatehouse, " + wrkWarmUp + " s, other users, not counted");
        }
        Wrk mixed = wrk(endpoint, measured, seconds, connections, false, rss);
        mixed.print("wrk mixed 20/60/20, Java in process", rss);
        Wrk gets = wrk(endpoint, measured, getSeconds, connections, true, rss);
        gets.print("wrk signed GET /notes/{id} only, Java in process", rss);

        Path peerWarmUp = work.resolve("dynamodb-warm-up.lua");
        Path peer = work.resolve("dynamodb.lua");
        for (Path p : List.of(peerWarmUp, peer)) {
            WrkScript.main(new String[] {"--dynamodb", dynamoDb.toString(), outputs.region(),
                    String.valueOf(connections), p.toString()});
        }
        if (wrkWarmUp > 0) {
            wrk(dynamoDb, peerWarmUp, wrkWarmUp, connections, false, rss)
                    .printWarmUp("warm-up of DynamoDB Local, " + wrkWarmUp + " s, other users, not counted");
        }
        Wrk peerMixed = wrk(dynamoDb, peer, seconds, connections, false, rss);
        Wrk peerGets = wrk(dynamoDb, peer, getSeconds, connections, true, rss);
        System.out.printf("  the ceiling, the same mix straight to DynamoDB Local (PutItem/GetItem/Query, %d connections, "
                        + "%d s): %.0f req/s (%s non-2xx, %s); GetItem only %.0f req/s. Gatehouse / DynamoDB Local: "
                        + "mixed %.2f, gets %.2f  load %s%n", connections, seconds, peerMixed.rps, peerMixed.errors,
                peerMixed.latency, peerGets.rps, mixed.rps / peerMixed.rps, gets.rps / peerGets.rps, load());
    }

    /**
     * The peak resident memory of the Gatehouse JVM since this was made (the kernel's own peak, {@link PeakRss}, or
     * when that cannot be started over, {@code VmRSS} sampled), and of its child processes (function environments,
     * sampled: they come and go).
     */
    private static final class Rss {
        private final Process gatehouse;
        private final boolean kernelPeak;
        long peak;
        long peakChildren;

        Rss(Process gatehouse) {
            this.gatehouse = gatehouse;
            this.kernelPeak = PeakRss.reset(gatehouse.pid());
        }

        void sample() {
            long pid = gatehouse.pid();
            // the kernel's VmHWM is never below the current VmRSS
            peak = Math.max(peak, kernelPeak ? PeakRss.peakKb(pid) : PeakRss.residentKb(pid));
            peakChildren = Math.max(peakChildren,
                    gatehouse.descendants().mapToLong(h -> PeakRss.residentKb(h.pid())).sum());
        }

        String how() {
            return kernelPeak ? "VmHWM since the load began" : "VmRSS sampled every 250 ms";
        }
    }

    /** @param cpu the Gatehouse JVM's CPU over the window ({@link JvmThreadCpu#since}), or empty */
    private record Wrk(double rps, String errors, String latency, int seconds, int connections, String cpu) {
        void printWarmUp(String what) {
            System.out.printf("  (%s: %.0f req/s, %s non-2xx%s)%n", what, rps, errors, cpu.isEmpty() ? "" : "; " + cpu);
        }

        /**
         * The figure against issue 16's goals; the peak RSS is the one since the load began (warm-up included); the
         * JVM's CPU per request and its JIT's and GC's shares in the window beside it.
         */
        void print(String what, Rss rss) {
            rss.sample();
            System.out.printf("%s, %d connections, %d s: %.0f req/s (%s non-2xx, %s) = %.2f of the 1,500 goal; peak "
                            + "RSS %.0f MB (%s) = %.2f of the 300 MB goal%s%s  load %s%n", what, connections, seconds,
                    rps, errors, latency, rps / 1500, rss.peak / 1024.0, rss.how(), rss.peak / 1024.0 / 300,
                    rss.peakChildren == 0 ? ""
                            : String.format(" (+ %.0f MB in function processes)", rss.peakChildren / 1024.0),
                    cpu.isEmpty() ? "" : "; " + cpu, load());
        }
    }

    /**
     * One wrk run of {@code script} (its gets only when {@code getsOnly}), sampling the RSS while it runs and reading
     * the Gatehouse JVM's threads' CPU before and after it.
     */
    private Wrk wrk(URI endpoint, Path script, int seconds, int connections, boolean getsOnly, Rss rss)
            throws Exception {
        Path out = work.resolve("wrk.out");
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                "-s", script.toString(), endpoint.toString()));
        if (getsOnly) {
            command.addAll(List.of("--", "gets"));
        }
        JvmThreadCpu before = JvmThreadCpu.of(rss.gatehouse.pid());
        Process w = spawn(new ProcessBuilder(command), out);
        while (!w.waitFor(250, TimeUnit.MILLISECONDS)) {
            rss.sample();
        }
        JvmThreadCpu after = JvmThreadCpu.of(rss.gatehouse.pid());
        started.remove(w);
        String report = Files.readString(out);
        Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(report);
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(report);
        Matcher p = Pattern.compile("p50 ([0-9.]+) ms, p99 ([0-9.]+) ms").matcher(report);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no Requests/sec:\n" + report);
        }
        double rps = Double.parseDouble(m.group(1));
        return new Wrk(rps, non2xx.find() ? non2xx.group(1) : "0",
                p.find() ? "p50 " + p.group(1) + " ms p99 " + p.group(2) + " ms" : "?", seconds, connections,
                after.since(before, rps * seconds));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private URI gatehouseUri() {
        return URI.create("http://127.0.0.1:" + gatehousePort + "/");
    }

    private URI cognitoUri() {
        return URI.create("http://127.0.0.1:" + cognitoPort + "/");
    }

    /** utime+stime+cutime+cstime of a process, in seconds, from /proc/PID/stat. */
    static double cpuSeconds(long pid) throws IOException {
        String[] f = JvmThreadCpu.statFields(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks / TICKS;
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double median(List<double[]> runs, int field) {
        double[] v = runs.stream().mapToDouble(r -> r[field]).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100.0))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Options options(String[] args) {
        Set<String> required = Set.of("repo", "cognito-local", "node-client", "work", "port", "starts", "sign-ins",
                "gets", "three-steps", "fresh-users", "wrk-seconds", "wrk-warm-up", "connections", "node-wrk-seconds",
                "runtime-iterations", "cold-starts", "loop-limit");
        Map<String, Options.Kind> known = new HashMap<>();
        for (String name : required) {
            known.put(name, Options.Kind.COUNT);
        }
        for (String path : List.of("repo", "cognito-local", "node-client", "work", "notes-node-config")) {
            known.put(path, Options.Kind.TEXT);
        }
        known.put("port", Options.Kind.POSITIVE);
        return Options.parseOrExit("PeerRunner", args, known, required);
    }
}
