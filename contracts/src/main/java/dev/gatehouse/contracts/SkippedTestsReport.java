package dev.gatehouse.contracts;

import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists every skipped test with its reason when a run ends (e.g. the {@code @GatehouseOnly} tests of a run against a
 * URL or AWS), so the reasons reach the console and not only the XML reports. Registered through
 * {@code META-INF/services}, so every JUnit Platform run with the contracts on its class path prints it.
 */
public final class SkippedTestsReport implements TestExecutionListener {
    private final List<String> skipped = new ArrayList<>();
    private final PrintStream out;

    public SkippedTestsReport() {
        this(System.out);
    }

    SkippedTestsReport(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        skipped.add(name(test) + ": " + reason);
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (skipped.isEmpty()) {
            return;
        }
        out.println("Gatehouse contracts: " + skipped.size() + " skipped");
        skipped.forEach(line -> out.println("  skipped " + line));
        out.flush();
        skipped.clear();
    }

    private static String name(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + "." + m.getMethodName())
                .orElse(test.getDisplayName());
    }
}
