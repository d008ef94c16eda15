package dev.gatehouse.examples.notesweb;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The example as a user builds it: {@code npm install} (aws-amplify, esbuild) into {@code target/npm}, once per build
 * directory, then esbuild bundles {@code web/app.js} into {@code target/site}; {@code config.json} is Gatehouse's
 * outputs, written next to the page by whoever serves it.
 */
final class NotesWebSite {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path NPM = MODULE.resolve("target/npm");
    static final Path SITE = MODULE.resolve("target/site");

    private NotesWebSite() {
    }

    /** Installs the npm packages (skips the calling test when Node is missing, unless CI=true). */
    static synchronized Path install() throws IOException, InterruptedException {
        if (!works("node", "--version") || !works("npm", "--version")) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but node/npm are not available: install Node.js (apt-get install nodejs npm)");
            }
            Assumptions.abort("node/npm are not available: skipping the Amplify checks");
        }
        Files.createDirectories(NPM);
        copyTree(MODULE.resolve("web"), NPM.resolve("web"));
        copyTree(MODULE.resolve("node"), NPM.resolve("node"));
        Files.copy(MODULE.resolve("package.json"), NPM.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
        if (!Files.isDirectory(NPM.resolve("node_modules/aws-amplify"))
                || !Files.isDirectory(NPM.resolve("node_modules/esbuild"))) {
            Run r = run(NPM, 900, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
            assertEquals(0, r.exit(), "npm install failed:\n" + r.output());
        }
        return NPM;
    }

    /** The bundled page in {@code target/site}, with {@code config.json} from {@code gatehouse}'s outputs. */
    static Path build(Gatehouse gatehouse) throws IOException, InterruptedException {
        install();
        Files.createDirectories(SITE);
        Run bundle = run(NPM, 300, NPM.resolve("node_modules/.bin/esbuild").toString(), "web/app.js", "--bundle",
                "--format=esm", "--target=es2020", "--log-level=warning", "--outfile=" + SITE.resolve("app.js"));
        assertEquals(0, bundle.exit(), "esbuild failed:\n" + bundle.output());
        Files.copy(MODULE.resolve("web/index.html"), SITE.resolve("index.html"), StandardCopyOption.REPLACE_EXISTING);
        writeConfig(gatehouse, SITE.resolve("config.json"));
        return SITE;
    }

    /** Gatehouse's outputs as the page reads them (what {@code GET /_gatehouse/outputs} answers). */
    static void writeConfig(Gatehouse gatehouse, Path file) throws IOException {
        Outputs o = gatehouse.outputs();
        String json = "{\"Region\":\"" + o.region() + "\",\"UserPoolId\":\"" + o.userPoolId()
                + "\",\"UserPoolClientId\":\"" + o.userPoolClientId() + "\",\"IdentityPoolId\":\"" + o.identityPoolId()
                + "\",\"ApiEndpoint\":\"" + o.apiEndpoint() + "\"}";
        Files.writeString(file, json);
    }

    record Run(int exit, String output) {
    }

    static Run run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(MODULE.resolve("target"), "run", ".log");
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(done ? p.exitValue() : -1, done ? output : "timed out after " + timeoutSeconds + " s\n" + output);
    }

    private static boolean works(String... command) {
        try {
            Files.createDirectories(MODULE.resolve("target"));
            return run(MODULE, 60, command).exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
