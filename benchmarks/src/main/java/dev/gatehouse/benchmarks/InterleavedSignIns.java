package dev.gatehouse.benchmarks;

import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.RunningGatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignedCall;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An A/B of the three-step sign-in between source trees, robust to a shared machine's drift: each tree's own client
 * (its {@code client.SignIn}, loaded from that tree's build in a class loader of its own) signs the fixture user in
 * against that tree's running Gatehouse, the trees taking turns flow by flow (ABBA order), so a slow moment of the
 * machine falls on both. Prints each step's p50 per tree.
 *
 * <pre>
 * (cd A && ./gatehouse start --port 8731 &) ; (cd B && ./gatehouse start --port 8732 &)   # both built, both ready
 * java -cp benchmarks/target/classes dev.gatehouse.benchmarks.InterleavedSignIns 400 600 \
 *     A http://127.0.0.1:8731 B http://127.0.0.1:8732     # 600 flows each not counted, then 400 each
 * </pre>
 * Each tree needs {@code benchmarks/target/classes} and {@code benchmarks/target/runtime.classpath} (built by
 * {@code ./mvnw -pl benchmarks -am package -DskipTests} or {@code benchmarks/run}) with this class in it.
 */
public final class InterleavedSignIns {
    private static final String[] STEPS = {"SRP", "identity pool", "call", "three-step"};

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length % 2 != 0 || !args[0].matches("[1-9][0-9]*") || !args[1].matches("[0-9]+")) {
            System.err.println("usage: InterleavedSignIns MEASURED WARM-UP TREE URL [TREE URL ...] (counts as whole"
                    + " numbers, MEASURED > 0; each TREE a built source tree, URL its running Gatehouse); got "
                    + String.join(" ", args));
            System.exit(2);
        }
        int measured = Integer.parseInt(args[0]);
        int warmUp = Integer.parseInt(args[1]);
        int trees = (args.length - 2) / 2;
        Object[] flows = new Object[trees];
        Method[] run = new Method[trees];
        List<List<long[]>> times = new ArrayList<>();
        for (int i = 0; i < trees; i++) {
            Path tree = Path.of(args[2 + 2 * i]).toAbsolutePath().normalize();
            Path classes = tree.resolve("benchmarks/target/classes");
            Path classpath = tree.resolve("benchmarks/target/runtime.classpath");
            if (!Files.isDirectory(classes) || !Files.isRegularFile(classpath)) {
                System.err.println(tree + ": no benchmarks build (" + classes + ", " + classpath + "); run ./mvnw -pl"
                        + " benchmarks -am package -DskipTests there");
                System.exit(2);
            }
            List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL()));
            for (String entry : Files.readString(classpath).trim().split(java.io.File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> flow = loader.loadClass(Flow.class.getName());
            flows[i] = flow.getConstructor(String.class).newInstance(args[3 + 2 * i]);
            run[i] = flow.getMethod("run");
            times.add(new ArrayList<>());
        }
        for (int round = 0; round < warmUp + measured; round++) {
            for (int j = 0; j < trees; j++) {
                int i = round % 2 == 0 ? j : trees - 1 - j;
                Thread.currentThread().setContextClassLoader(flows[i].getClass().getClassLoader());
                long[] t = (long[]) run[i].invoke(flows[i]);
                if (round >= warmUp) {
                    times.get(i).add(t);
                }
            }
        }
        for (int i = 0; i < trees; i++) {
            StringBuilder line = new StringBuilder(args[2 + 2 * i] + " " + args[3 + 2 * i] + ": p50");
            for (int step = 0; step < STEPS.length; step++) {
                int s = step;
                double[] ms = times.get(i).stream().mapToDouble(t -> t[s] / 1e6).sorted().toArray();
                line.append(String.format(" %s %.2f", STEPS[step], ms[ms.length / 2]));
            }
            System.out.println(line + " ms (" + measured + " flows after " + warmUp + ")");
        }
    }

    /** One tree's client against one Gatehouse: SRP sign-in, identity pool credentials, a signed GET /notes. */
    public static final class Flow {
        private final URI endpoint;
        private final Outputs outputs;
        private final SignIn signIn;

        public Flow(String url) throws Exception {
            endpoint = URI.create(url);
            outputs = RunningGatehouse.outputs(endpoint);
            signIn = new SignIn(outputs, endpoint, Clock.systemUTC());
        }

        /** The flow's steps' nanoseconds: SRP, identity pool, call, all three. */
        public long[] run() throws Exception {
            long t0 = System.nanoTime();
            SignIn.Tokens tokens = signIn.srp(PeerRunner.USER, PeerRunner.PASSWORD);
            long t1 = System.nanoTime();
            SignIn.IdentityCredentials credentials = signIn.credentials(tokens.idToken());
            long t2 = System.nanoTime();
            SignedCall.Response r = SignedCall.send(outputs.region(), credentials, "GET", endpoint, "/notes", null);
            long t3 = System.nanoTime();
            if (r.status() != 200) {
                throw new IllegalStateException(endpoint + ": GET /notes answered " + r.status() + " " + r.body());
            }
            return new long[] {t1 - t0, t2 - t1, t3 - t2, t3 - t0};
        }
    }
}
