package dev.gatehouse.contracts.mutants;

import dev.gatehouse.contracts.Suites;
import dev.gatehouse.contracts.GatehouseOnly;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The suites catch the classic notes API bugs: each planted bug (a mutant handler, wired in by configuration) runs
 * against every suite on its own Gatehouse, and must make at least one test fail. The unmutated configuration, run the
 * same way, must pass: otherwise a "kill" proves nothing.
 */
@GatehouseOnly("plants buggy handlers into a Gatehouse in this JVM")
class MutantsAreKilledTest {
    private static final Path CONFIGS = Path.of("target", "mutants");

    @Test
    void every_planted_bug_fails_the_suites() {
        List<String> control = failures(Mutant.NONE);
        assertEquals(List.of(), control, "the suites must pass on the unmutated configuration");

        Map<String, List<String>> killers = new LinkedHashMap<>();
        for (Mutant mutant : Mutant.ALL) {
            killers.put(mutant.name(), failures(mutant));
        }

        StringBuilder report = new StringBuilder("Planted bugs and the tests that caught them:\n");
        killers.forEach((name, tests) -> report.append("  ").append(name).append(": ")
                .append(tests.isEmpty() ? "SURVIVED" : tests.size() + " failing: " + String.join(", ", tests))
                .append('\n'));
        System.out.println(report);
        write(CONFIGS.resolve("report.txt"), report.toString());
        List<String> survivors = killers.entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        assertTrue(survivors.isEmpty(), "mutants survived " + survivors + "\n" + report);
    }

    /** Runs every suite against a Gatehouse configured with this mutant; the failed tests, as Class#method. */
    private static List<String> failures(Mutant mutant) {
        Path config = mutant.writeConfig(CONFIGS);
        LauncherDiscoveryRequest request = request()
                .selectors(Suites.all().stream().map(c -> selectClass(c)).toList())
                .configurationParameter("gatehouse.target", "in-process")
                .configurationParameter("gatehouse.config", config.toString())
                .build();
        ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failed.add(name(test) + (result.getThrowable().isPresent() && mutant == Mutant.NONE
                            ? " (" + result.getThrowable().get() + ")" : ""));
                }
            }
        });
        return new ArrayList<>(failed);
    }

    private static void write(Path file, String text) {
        try {
            java.nio.file.Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String name(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> m.getJavaClass().getSimpleName() + "#" + m.getMethodName())
                .orElse(test.getDisplayName());
    }
}
