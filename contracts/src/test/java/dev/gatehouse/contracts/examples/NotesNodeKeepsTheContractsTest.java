package dev.gatehouse.contracts.examples;

import dev.gatehouse.contracts.GatehouseOnly;
import dev.gatehouse.contracts.Suites;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The guide's JavaScript handlers ({@code examples/notes-node}, run by Node.js through the Lambda Runtime API) keep the
 * same contract as the Java ones: every suite runs, unchanged, against a Gatehouse configured with
 * {@code examples/notes-node/gatehouse.json}. The example is copied to {@code target/notes-node} and its packages
 * installed there with npm (never into the source tree). Skipped when node/npm are missing, unless {@code CI=true}.
 */
@Isolated("starts its own Gatehouse with function processes: one at a time on a small machine")
@GatehouseOnly("runs the example's own configuration in a Gatehouse of this JVM")
class NotesNodeKeepsTheContractsTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "notes-node");
    private static final Path COPY = Path.of("target", "notes-node");

    @BeforeAll
    static void installTheExample() throws IOException, InterruptedException {
        if (!works("node", "--version") || !works("npm", "--version")) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but node/npm are not available: install Node.js (apt-get install nodejs npm)");
            }
            Assumptions.abort("node/npm are not available: skipping the Node.js notes example");
        }
        copy(EXAMPLE, COPY);
        if (!Files.isDirectory(COPY.resolve("node_modules/@aws-sdk/lib-dynamodb"))) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(COPY.toFile()).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(npm.waitFor(10, TimeUnit.MINUTES), "npm install did not finish in 10 minutes");
            assertEquals(0, npm.exitValue(), "npm install failed:\n" + output);
        }
    }

    @Test
    void every_contract_suite_passes_against_the_javascript_handlers() {
        LauncherDiscoveryRequest request = request()
                .selectors(Suites.all().stream().map(c -> selectClass(c)).toList())
                .configurationParameter("gatehouse.target", "in-process")
                .configurationParameter("gatehouse.config", COPY.resolve("gatehouse.json").toString())
                .build();
        ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
        AtomicInteger passed = new AtomicInteger();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                failed.add(name(test) + ": skipped (" + reason + ")");
            }

            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (!test.isTest()) {
                    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failed.add(test.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString)
                                .orElse(""));
                    }
                    return;
                }
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    passed.incrementAndGet();
                } else {
                    failed.add(name(test) + ": " + result.getThrowable().map(Throwable::toString).orElse(""));
                }
            }
        });
        assertEquals(List.of(), new ArrayList<>(failed), "contract tests failing against the Node.js handlers");
        assertTrue(passed.get() >= 30, "only " + passed.get() + " contract tests ran");
        System.out.println("Node.js notes handlers: " + passed.get() + " contract tests passed");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(p -> !p.toString().contains("node_modules")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String name(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> m.getJavaClass().getSimpleName() + "#" + m.getMethodName())
                .orElse(test.getDisplayName());
    }
}
