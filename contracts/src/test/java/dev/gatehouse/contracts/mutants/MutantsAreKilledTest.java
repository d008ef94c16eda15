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
 * against the suites on its own Gatehouse, and must make at least one test fail, twice over: the hand-written suites
 * must kill it, and so must the ownership matrix generated from the notes declaration alone. The unmutated
 * configuration, run the same way, must pass: otherwise a "kill" proves nothing. The report lists both.
 */
@GatehouseOnly("plants buggy handlers into a Gatehouse in this JVM")
class MutantsAreKilledTest {
    private static final Path CONFIGS = Path.of("target", "mutants");

    @Test
    void every_planted_bug_fails_the_suites() {
        List<String> control = failures(Mutant.NONE, Suites.all());
        assertEquals(List.of(), control, "the suites must pass on the unmutated configuration");

        Map<String, List<String>> byHand = new LinkedHashMap<>();
        Map<String, List<String>> generated = new LinkedHashMap<>();
        for (Mutant mutant : Mutant.ALL) {
            byHand.put(mutant.name(), failures(mutant, Suites.handWritten()));
            generated.put(mutant.name(), failures(mutant, Suites.generated()));
        }

        StringBuilder report = new StringBuilder();
        append(report, "Planted bugs and the hand-written tests that caught them:", byHand);
        append(report, "Planted bugs and the generated ownership cells (NotesOwnershipContract) that caught them:",
                generated);
        System.out.println(report);
        write(CONFIGS.resolve("report.txt"), report.toString());
        List<String> survivors = new ArrayList<>();
        byHand.forEach((name, tests) -> {
            if (tests.isEmpty()) {
                survivors.add(name + " (hand-written)");
            }
        });
        generated.forEach((name, tests) -> {
            if (tests.isEmpty()) {
                survivors.add(name + " (generated)");
            }
        });
        assertTrue(survivors.isEmpty(), "mutants survived " + survivors + "\n" + report);
    }

    private static void append(StringBuilder report, String title, Map<String, List<String>> killers) {
        report.append(title).append('\n');
        killers.forEach((name, tests) -> report.append("  ").append(name).append(": ")
                .append(tests.isEmpty() ? "SURVIVED" : tests.size() + " failing: " + String.join(", ", tests))
                .append('\n'));
    }

    /** Runs these suites against a Gatehouse configured with this mutant; the failed tests, as Class#method. */
    private static List<String> failures(Mutant mutant, List<Class<?>> suites) {
        Path config = mutant.writeConfig(CONFIGS);
        LauncherDiscoveryRequest request = request()
                .selectors(suites.stream().map(c -> selectClass(c)).toList())
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

    /** {@code Class#method}, or a generated cell's display name (e.g. {@code bob GET alice's note}). */
    private static String name(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> m.getJavaClass().getSimpleName() + "#" + m.getMethodName())
                .orElse(test.getDisplayName());
    }
}
