package dev.gatehouse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./gatehouse} runs {@code $JAVA_HOME/bin/java} when JAVA_HOME is set (as the Maven wrapper does), and chooses
 * its class-data archive by that JDK's version: an AOT cache on a JDK 25 or later, an AppCDS archive before;
 * {@code GATEHOUSE_CDS=off} means none. Each case runs the real script from a copy of the repository's launcher (the
 * script and a link to the built jar) in a temporary folder, so that the archives it trains there are its own, and
 * reads the running JVM's executable and arguments from the process ({@code exec}: the script's PID is the JVM).
 */
class LauncherJdkIT {
    private static final Path ROOT = Path.of(System.getProperty("gatehouse.root", "..")).toAbsolutePath().normalize();
    private static final String DIRECTIVES = "launcher/compiler-directives.json";
    private static final String SDK_THRESHOLDS =
            "-XX:CompileCommand=CompileThresholdScaling,software.amazon.awssdk.*::*,0.1";
    private static final String TRIM = "-XX:TrimNativeHeapInterval=1000";
    /** Serial GC keeps the heap nearer its live set than the JVM's default 40. */
    private static final String HEAP_FREE = "-XX:MinHeapFreeRatio=30";
    /** C2's queue neither holds back C1's tier 1 for what C2 never compiles nor sends new methods to tier 2. */
    private static final List<String> NO_C2_QUEUE_FEEDBACK = List.of("-XX:Tier4LoadFeedback=1000",
            "-XX:Tier3DelayOn=1000");
    /** The request path C2 never takes reaches C1 without profiling sooner. */
    private static final List<String> REQUEST_PATH_THRESHOLDS = List.of(
            "-XX:CompileCommand=CompileThresholdScaling,dev.gatehouse.*::*,0.1",
            "-XX:CompileCommand=CompileThresholdScaling,org.eclipse.jetty.*::*,0.1",
            "-XX:CompileCommand=CompileThresholdScaling,io.javalin.*::*,0.1",
            "-XX:CompileCommand=CompileThresholdScaling,com.fasterxml.jackson.*::*,0.1",
            "-XX:CompileCommand=CompileThresholdScaling,com.nimbusds.*::*,0.1");
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"([^\"]+)\"", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void java_home_names_the_jvm_and_a_jdk_25_or_later_trains_and_uses_an_aot_cache() throws Exception {
        Optional<Path> jdk = jdkFrom(25);
        Assumptions.assumeTrue(jdk.isPresent(), "no JDK 25 or later in /usr/lib/jvm (or -Dgatehouse.test.jdk25)");
        String version = versionOf(jdk.get()).orElseThrow();
        Path root = launcherCopy();
        Path cache = root.resolve("launcher/target/gatehouse-jdk" + version + ".aot");
        List<String> args = runningJvm(root, Map.of("JAVA_HOME", jdk.get().toString()), jdk.get());
        assertTrue(args.contains("-XX:AOTCache=" + cache), "not started with its AOT cache " + cache + ": " + args);
        assertTrue(Files.isRegularFile(cache), "no AOT cache trained at " + cache);
        assertFalse(Files.exists(root.resolve("launcher/target/gatehouse.jsa")), "an AppCDS archive for a JDK 25");
        assertTrue(args.contains(SDK_THRESHOLDS) && args.containsAll(NO_C2_QUEUE_FEEDBACK) && args.contains(TRIM)
                        && args.containsAll(REQUEST_PATH_THRESHOLDS) && args.contains(HEAP_FREE),
                "the JIT and memory defaults: " + args);
    }

    @Test
    void a_jdk_before_25_trains_and_uses_an_appcds_archive() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Assumptions.assumeTrue(Runtime.version().feature() < 25, "the test JVM is a JDK 25 or later");
        Path root = launcherCopy();
        Path archive = root.resolve("launcher/target/gatehouse.jsa");
        List<String> args = runningJvm(root, Map.of("JAVA_HOME", jdk.toString()), jdk);
        assertTrue(args.contains("-XX:SharedArchiveFile=" + archive), "not started with " + archive + ": " + args);
        assertTrue(Files.isRegularFile(archive), "no AppCDS archive trained at " + archive);
        assertTrue(args.stream().noneMatch(a -> a.startsWith("-XX:AOTCache")), "an AOT cache on JDK "
                + Runtime.version() + ": " + args);
    }

    @Test
    void by_default_c2_compiles_only_what_the_compiler_directives_allow() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Path root = launcherCopy();
        List<String> args = runningJvm(root, Map.of("JAVA_HOME", jdk.toString(), "GATEHOUSE_CDS", "off"), jdk);
        // the JVM refuses to start on a directives file it cannot parse: the ready line says this one parsed
        assertTrue(args.contains("-XX:CompilerDirectivesFile=" + root.resolve(DIRECTIVES)), "not started with "
                + root.resolve(DIRECTIVES) + ": " + args);
        // ... and accepted the AWS SDK's compile thresholds and, on this JDK (17.0.9 or later), the native heap's trim
        assertTrue(args.contains("-XX:CompileCommand=quiet") && args.contains(SDK_THRESHOLDS), "the SDK's thresholds: "
                + args);
        assertTrue(args.containsAll(NO_C2_QUEUE_FEEDBACK), "C2's queue feedback out of reach: " + args);
        assertTrue(args.containsAll(REQUEST_PATH_THRESHOLDS), "the request path's thresholds: " + args);
        assertTrue(args.contains("-XX:+UseSerialGC") && args.contains(HEAP_FREE), "Serial GC's heap sizing: " + args);
        assertEquals(trimsNativeHeap(Runtime.version()), args.contains(TRIM), "the trim on " + Runtime.version() + ": "
                + args);
        List<String> replaced = runningJvm(root, Map.of("JAVA_HOME", jdk.toString(), "GATEHOUSE_CDS", "off",
                "GATEHOUSE_JAVA_OPTS", "-Xmx256m"), jdk);
        assertTrue(replaced.contains("-Xmx256m") && replaced.stream().noneMatch(a -> a.startsWith("-XX:Compiler")
                        || a.startsWith("-XX:Tier")),
                "GATEHOUSE_JAVA_OPTS replaces the defaults, the directives included: " + replaced);
    }

    @Test
    void gatehouse_extra_java_opts_come_after_the_defaults() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Path root = launcherCopy();
        List<String> added = runningJvm(root, Map.of("JAVA_HOME", jdk.toString(), "GATEHOUSE_CDS", "off",
                "GATEHOUSE_EXTRA_JAVA_OPTS", "-Xmx256m  -XX:MinHeapFreeRatio=25"), jdk);
        assertTrue(added.contains("-XX:CompilerDirectivesFile=" + root.resolve(DIRECTIVES))
                        && added.containsAll(REQUEST_PATH_THRESHOLDS) && added.contains("-Xmx192m"),
                "GATEHOUSE_EXTRA_JAVA_OPTS keeps the defaults: " + added);
        // the JVM takes the last of a flag given twice: the added ones come after the defaults they override
        assertTrue(added.indexOf("-Xmx256m") > added.indexOf("-Xmx192m")
                        && added.indexOf("-XX:MinHeapFreeRatio=25") > added.indexOf(HEAP_FREE),
                "GATEHOUSE_EXTRA_JAVA_OPTS after the defaults, one word per option: " + added);
    }

    @Test
    void gatehouse_cds_off_means_no_archive() throws Exception {
        Path jdk = Path.of(System.getProperty("java.home"));
        Path root = launcherCopy();
        List<String> args = runningJvm(root, Map.of("JAVA_HOME", jdk.toString(), "GATEHOUSE_CDS", "off"), jdk);
        assertTrue(args.stream().noneMatch(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:AOTCache")),
                "an archive with GATEHOUSE_CDS=off: " + args);
        try (Stream<Path> files = Files.list(root.resolve("launcher/target"))) {
            assertEquals(List.of("gatehouse.jar"), files.map(f -> f.getFileName().toString()).toList(),
                    "archives trained with GATEHOUSE_CDS=off");
        }
    }

    @Test
    void a_java_home_without_a_java_is_refused_by_name() throws Exception {
        Path root = launcherCopy();
        Path notAJdk = Files.createDirectories(dir.resolve("not-a-jdk"));
        Process p = launcher(root, Map.of("JAVA_HOME", notAJdk.toString()), "--help").start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the launcher did not end");
        assertEquals(1, p.exitValue(), output);
        assertTrue(output.contains("JAVA_HOME is '" + notAJdk + "', which has no bin/java"), output);
    }

    @Test
    void a_run_whose_script_is_edited_in_place_meanwhile_goes_on_as_it_was_read() throws Exception {
        Path root = launcherCopy();
        Path script = root.resolve("gatehouse");
        // A stand-in JDK 17 (its release file names the version): its archive-training start rewrites the launcher in
        // place, as an editor or a checkout can while a build or a training start runs; its last start prints what it
        // was given.
        Path jdk = standInJdk("17.0.99", String.join("\n",
                "#!/bin/sh",
                "case \"$*\" in",
                "  *ArchiveClassesAtExit*)",
                "    old=\"$(cat \"$EDITED_SCRIPT\")\"",
                "    { printf '# %0600d\\n' 0; printf '%s\\n' \"$old\"; } > \"$EDITED_SCRIPT\"",
                "    exit 0 ;;",
                "esac",
                "echo \"the JVM's arguments: $*\"",
                ""));
        Process p = launcher(root, Map.of("JAVA_HOME", jdk.toString(), "EDITED_SCRIPT", script.toString()), "--help")
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the launcher did not end");
        assertTrue(Files.readString(script).startsWith("# 000"), "the stand-in did not edit the script");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("the JVM's arguments: ") && output.contains("dev.gatehouse.emulator.cli.Main --help"),
                output);
        assertFalse(output.contains("syntax error") || output.contains("command not found"), output);
    }

    /** A JVM refuses to start on a flag it does not know: the trim only where the JDK has it (17.0.9, 21.0.1, 22). */
    @ParameterizedTest(name = "JDK {0}: native heap trimmed {1}")
    @CsvSource({"17.0.8, false", "17.0.9, true", "17.0.15, true", "20.0.2, false", "21, false", "21.0.1, true",
            "22, true", "25.0.3, true"})
    void the_native_heap_is_trimmed_only_by_a_jdk_that_has_the_flag(String version, boolean trims) throws Exception {
        Path root = launcherCopy();
        Path jdk = standInJdk(version, "#!/bin/sh\nfor a in \"$@\"; do echo \"arg: $a\"; done\n");
        Process p = launcher(root, Map.of("JAVA_HOME", jdk.toString(), "GATEHOUSE_CDS", "off"), "--help").start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the launcher did not end");
        assertEquals(0, p.exitValue(), output);
        List<String> args = output.lines().filter(l -> l.startsWith("arg: ")).map(l -> l.substring(5)).toList();
        assertTrue(args.contains(SDK_THRESHOLDS), "the SDK's thresholds on every JDK: " + args);
        assertEquals(trims, args.contains(TRIM), "JDK " + version + ": " + args);
    }

    /** A folder that passes for a JDK of {@code version} (its release file), whose {@code bin/java} is {@code script}. */
    private Path standInJdk(String version, String script) throws IOException {
        Path jdk = dir.resolve("stand-in-jdk-" + version);
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, script);
        assertTrue(java.toFile().setExecutable(true), "cannot make " + java + " executable");
        return jdk;
    }

    private static boolean trimsNativeHeap(Runtime.Version v) {
        return v.feature() == 17 ? v.update() >= 9 : v.feature() == 21 ? v.update() >= 1 : v.feature() >= 22;
    }

    /**
     * Runs {@code ./gatehouse start --port 0} from {@code root} until its ready line, and returns the arguments of the
     * JVM it runs, after checking that JVM is {@code jdk}'s; then stops it (SIGTERM).
     */
    private List<String> runningJvm(Path root, Map<String, String> env, Path jdk) throws Exception {
        Process p = launcher(root, env, "start", "--port", "0").start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("Gatehouse ready at ")) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        try {
            // the first start trains the archive first (an AOT cache's assembly included): minutes on a busy machine
            assertTrue(ready.get(10, TimeUnit.MINUTES), "no ready line from ./gatehouse start with " + env + ":\n"
                    + String.join("\n", lines));
            ProcessHandle.Info info = p.toHandle().info();
            assertEquals(Optional.of(jdk.resolve("bin/java").toRealPath().toString()), info.command(),
                    "the JVM ./gatehouse runs with " + env);
            return Arrays.asList(info.arguments().orElseThrow(() -> new AssertionError("no arguments of PID "
                    + p.pid())));
        } finally {
            p.destroy();
            if (!p.waitFor(1, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        }
    }

    private ProcessBuilder launcher(Path root, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(root.resolve("gatehouse").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeAll(List.of("JAVA_HOME", "GATEHOUSE_CDS", "GATEHOUSE_SKIP_BUILD",
                "GATEHOUSE_JAVA_OPTS", "GATEHOUSE_EXTRA_JAVA_OPTS", "GATEHOUSE_CLASSPATH"));
        pb.environment().putAll(env);
        return pb;
    }

    /** The launcher script and the built jar (linked) in a folder of their own: its archives go there. */
    private Path launcherCopy() throws IOException {
        Path jar = ROOT.resolve("launcher/target/gatehouse.jar");
        assertTrue(Files.isRegularFile(jar), "the launcher jar is built before the integration tests: " + jar);
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("launcher/target"));
        Files.copy(ROOT.resolve("gatehouse"), root.resolve("gatehouse"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(ROOT.resolve(DIRECTIVES), root.resolve(DIRECTIVES), StandardCopyOption.COPY_ATTRIBUTES);
        try {
            Files.createLink(root.resolve("launcher/target/gatehouse.jar"), jar);
        } catch (IOException | UnsupportedOperationException otherFileSystem) {
            Files.copy(jar, root.resolve("launcher/target/gatehouse.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return root;
    }

    /** A JDK of at least this feature version: -Dgatehouse.test.jdk25, else the newest such in /usr/lib/jvm. */
    private static Optional<Path> jdkFrom(int feature) throws IOException {
        String given = System.getProperty("gatehouse.test.jdk25");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> versionOf(home).map(v -> featureOf(v) >= feature).orElse(false))
                    .max(java.util.Comparator.comparing(home -> featureOf(versionOf(home).orElseThrow())));
        }
    }

    private static Optional<String> versionOf(Path jdk) {
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(jdk.resolve("release")));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int featureOf(String version) {
        return Integer.parseInt(version.split("[.+-]")[0]);
    }
}
