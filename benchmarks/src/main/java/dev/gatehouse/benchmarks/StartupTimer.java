package dev.gatehouse.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JVM start to the ready line: runs {@code ./gatehouse start --port 0} (already built) repeatedly, times each run from
 * process start to the line {@code Gatehouse ready at ...}, stops it with SIGTERM, and prints every time and the median.
 *
 * <pre>java -cp "benchmarks/target/classes:$(cat benchmarks/target/runtime.classpath)" dev.gatehouse.benchmarks.StartupTimer [runs] [repo dir]</pre>
 */
public final class StartupTimer {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path repo = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ProcessBuilder pb = new ProcessBuilder(repo.resolve("gatehouse").toString(), "start", "--port", "0")
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            long t0 = System.nanoTime();
            Process p = pb.start();
            double ms = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("Gatehouse ready at ")) {
                        ms = (System.nanoTime() - t0) / 1_000_000.0;
                        break;
                    }
                }
                p.destroy(); // SIGTERM: the clean shutdown path
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("Gatehouse did not stop within 30 s of SIGTERM");
                }
            }
            if (ms < 0) {
                throw new IllegalStateException("run " + (i + 1) + ": no ready line (exit " + p.exitValue() + ")");
            }
            times.add(ms);
            System.out.printf("run %d: %.0f ms%n", i + 1, ms);
        }
        Collections.sort(times);
        System.out.printf("JVM start to ready line, %d runs: median %.0f ms, min %.0f ms, max %.0f ms%n", runs,
                times.get(times.size() / 2), times.get(0), times.get(times.size() - 1));
    }
}
