package dev.gatehouse.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.client.Outputs;

import java.io.IOException;
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
    private static final double TICKS = 100.0; // USER_HZ on Linux
    private static final String USER = "alice@example.com";
    private static final String PASSWORD = "Passw0rd!alice";
    private static final String CLIENT_ID = "4gatehouse1notes2client3id";

    private final Path repo;
    private final Path cognitoLocal;
    private final Path work;
    private final int gatehousePort;
    private final int cognitoPort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private String peerClientId;

    private PeerRunner(Path repo, Path cognitoLocal, Path work, int port) {
        this.repo = repo;
        this.cognitoLocal = cognitoLocal;
        this.work = work;
        this.gatehousePort = port;
        this.cognitoPort = port + 1;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        PeerRunner runner = new PeerRunner(Path.of(o.get("repo")).toAbsolutePath(),
                Path.of(o.get("cognito-local")).toAbsolutePath(), Path.of(o.get("work")).toAbsolutePath(),
                Integer.parseInt(o.get("port")));
        Runtime.getRuntime().addShutdownHook(new Thread(runner::stopAll));
        try {
            runner.run(Integer.parseInt(o.get("starts")), Integer.parseInt(o.get("sign-ins")),
                    Integer.parseInt(o.get("gets")), Integer.parseInt(o.get("wrk-seconds")),
                    Integer.parseInt(o.get("connections")), Duration.ofSeconds(Long.parseLong(o.get("loop-limit"))));
        } finally {
            runner.stopAll();
        }
    }

    private void run(int starts, int signIns, int gets, int wrkSeconds, int connections, Duration loopLimit)
            throws Exception {
        System.out.printf("load %s | Gatehouse (%s) vs cognito-local (%s), loopback, ports %d/%d%n", load(),
                repo.resolve("gatehouse"), cognitoLocal, gatehousePort, cognitoPort);
        seedCognitoLocal();
        startUps(starts, loopLimit);
        signIns(signIns, loopLimit);
        perCallAndThroughput(gets, wrkSeconds, connections);
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
        List<double[]> ours = new ArrayList<>();
        List<double[]> theirs = new ArrayList<>();
        long deadline = System.nanoTime() + loopLimit.toNanos();
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            for (int side = 0; side < 2; side++) {
                boolean gatehouse = (i + side) % 2 == 0; // alternate which goes first
                double[] r = gatehouse ? timeStart(startGatehouse(), gatehouseUri(), CLIENT_ID)
                        : timeStart(startCognitoLocalTimed(), cognitoUri(), peerClientId);
                (gatehouse ? ours : theirs).add(r);
                System.out.printf("  start %d %-13s %6.0f ms wall %5.2f CPU-s  load %s%n", i + 1,
                        gatehouse ? "Gatehouse" : "cognito-local", r[0], r[1], load());
            }
        }
        double ourWall = median(ours, 0), theirWall = median(theirs, 0);
        double ourCpu = median(ours, 1), theirCpu = median(theirs, 1);
        System.out.printf("start to first InitiateAuth, %d starts each (medians): Gatehouse %.0f ms %.2f CPU-s | "
                        + "cognito-local %.0f ms %.2f CPU-s | ratio wall %.2f CPU %.2f  load %s%n", ours.size(),
                ourWall, ourCpu, theirWall, theirCpu, ourWall / theirWall, ourCpu / theirCpu, load());
    }

    /** Spawned a moment ago: polls InitiateAuth until it succeeds, reads the CPU used so far, stops the process. */
    private double[] timeStart(Started s, URI uri, String clientId) throws Exception {
        try {
            while (System.nanoTime() - s.t0 < START_LIMIT.toNanos()) {
                if (!s.process.isAlive()) {
                    throw new IllegalStateException(s.name + " exited with " + s.process.exitValue()
                            + " before a sign-in succeeded (log: " + s.log + ")");
                }
                try {
                    if (signIn(uri, clientId)) {
                        double wallMs = (System.nanoTime() - s.t0) / 1e6;
                        return new double[] {wallMs, cpuSeconds(s.process.pid())};
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

    private record Started(String name, Process process, long t0, Path log) {
    }

    private Started startGatehouse() throws IOException {
        Path log = work.resolve("gatehouse-start.log");
        long t0 = System.nanoTime();
        Process p = spawn(new ProcessBuilder(repo.resolve("gatehouse").toString(), "start", "--port",
                String.valueOf(gatehousePort)).directory(repo.toFile()), log);
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
        Started g = startGatehouse();
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

    // ---- per call and throughput (one Gatehouse, the JSON configuration's API) ---------------------------------

    private void perCallAndThroughput(int gets, int wrkSeconds, int connections) throws Exception {
        Started g = startGatehouse();
        try {
            awaitSignIn(gatehouseUri(), CLIENT_ID, g.process);
            URI endpoint = URI.create("http://127.0.0.1:" + gatehousePort);
            // the DynamoDbEndpoint output may appear a moment after the first sign-in succeeds: wait for it (bounded)
            Outputs outputs = outputs(endpoint);
            long deadline = System.nanoTime() + START_LIMIT.toNanos();
            while (outputs.dynamoDbEndpoint() == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
                outputs = outputs(endpoint);
            }
            LoadDriver.Latency l = LoadDriver.latency(outputs, LoadDriver.client(outputs, endpoint), gets);
            if (l != null) {
                System.out.printf("signed GET /notes/{id} vs GetItem straight to DynamoDB Local (Java, Apache client, "
                                + "%d interleaved): Gatehouse p50 %.2f ms | direct p50 %.2f ms | ratio %.2f  load %s%n",
                        gets, ms(l.gatewayP50()), ms(l.directP50()), (double) l.gatewayP50() / l.directP50(), load());
            }
            System.out.println("signed GET vs GetItem, Node keep-alive client: not measured (not built yet)");
            if (wrkSeconds > 0) {
                wrk(endpoint, g.process.pid(), wrkSeconds, connections);
            }
        } finally {
            stop(g.process);
        }
    }

    private Outputs outputs(URI endpoint) throws IOException, InterruptedException {
        return JSON.readValue(http.send(HttpRequest.newBuilder(endpoint.resolve("/_gatehouse/outputs"))
                .header(AdminToken.HEADER, AdminToken.find(endpoint).orElseThrow(() ->
                        new IllegalStateException(AdminToken.notFound(endpoint)))).build(),
                HttpResponse.BodyHandlers.ofString()).body(), Outputs.class);
    }

    private void wrk(URI endpoint, long pid, int seconds, int connections) throws Exception {
        Path script = work.resolve("signed.lua");
        WrkScript.main(new String[] {endpoint.toString(), String.valueOf(connections), script.toString()});
        Path out = work.resolve("wrk.out");
        Process w = spawn(new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s",
                "-s", script.toString(), endpoint.toString()), out);
        long peak = 0;
        while (!w.waitFor(250, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, rssKb(pid));
        }
        started.remove(w);
        String report = Files.readString(out);
        Matcher m = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(report);
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(report);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no Requests/sec:\n" + report);
        }
        double rps = Double.parseDouble(m.group(1));
        System.out.printf("wrk mixed 20/60/20, %d connections, %d s: %.0f req/s (%s non-2xx) = %.2f of the 1,500 goal; "
                        + "peak RSS %.0f MB = %.2f of the 300 MB goal  load %s%n", connections, seconds, rps,
                non2xx.find() ? non2xx.group(1) : "0", rps / 1500, peak / 1024.0, peak / 1024.0 / 300, load());
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
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state=0 ... utime=11 stime=12 cutime=13 cstime=14
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks / TICKS;
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
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

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("repo", "cognito-local", "work", "port", "starts", "sign-ins", "gets",
                "wrk-seconds", "connections", "loop-limit")) {
            if (!m.containsKey(required)) {
                throw new IllegalArgumentException("missing --" + required);
            }
        }
        return m;
    }
}
