package dev.gatehouse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.Gatehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The README is a tested artifact: every shell block marked {@code <!-- readme-test: run -->} runs, as written, against
 * a Gatehouse this test starts on a free port (the README's {@code 8421} replaced by that port, and
 * {@code GATEHOUSE_ENDPOINT} pointing the CLI at it), from the repository's root, after the launcher jar is built.
 * A block fails on a non-zero exit, or when its output lacks a {@code <!-- readme-test: expect TEXT -->} that follows it.
 */
class ReadmeBlocksIT {
    private static final Path ROOT = Path.of(System.getProperty("gatehouse.root", "..")).toAbsolutePath().normalize();
    private static Gatehouse gatehouse;

    @BeforeAll
    static void start() {
        boolean tools = ReadmeBlocks.onPath("bash") && ReadmeBlocks.onPath("curl") && ReadmeBlocks.onPath("aws");
        Assumptions.assumeTrue(tools || "true".equals(System.getenv("CI")),
                "the README's blocks need bash, curl and the AWS CLI");
        gatehouse = Gatehouse.builder().port(0).start();
    }

    @AfterAll
    static void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void the_readme_marks_its_runnable_blocks() throws IOException {
        List<ReadmeBlocks.Block> blocks = ReadmeBlocks.parse(ROOT.resolve("README.md"));
        assertTrue(blocks.size() >= ReadmeBlocks.MINIMUM, "runnable blocks found: " + blocks.size()
                + " (a marker lost in an edit would silently leave a block untested)");
    }

    @TestFactory
    Stream<DynamicTest> every_runnable_block_runs_as_written() throws IOException {
        return ReadmeBlocks.parse(ROOT.resolve("README.md")).stream()
                .map(block -> DynamicTest.dynamicTest("README line " + block.line(), () -> run(block)));
    }

    private static void run(ReadmeBlocks.Block block) throws Exception {
        String port = String.valueOf(gatehouse.port());
        String script = block.text().replace("8421", port);
        ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script)
                .directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GATEHOUSE_ENDPOINT", "http://127.0.0.1:" + port);
        env.put("GATEHOUSE_SKIP_BUILD", "1");
        env.put("GATEHOUSE_ADMIN_TOKEN", gatehouse.adminToken());
        for (String aws : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")) {
            env.remove(aws);
        }
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "README line " + block.line() + " did not finish");
        assertEquals(0, process.exitValue(), "README line " + block.line() + " failed:\n" + script + "\n---\n" + output);
        List<String> missing = new ArrayList<>();
        for (String expected : block.expected()) {
            if (!output.contains(expected.replace("8421", port))) {
                missing.add(expected);
            }
        }
        assertEquals(List.of(), missing, "README line " + block.line() + " printed:\n" + output);
    }
}
