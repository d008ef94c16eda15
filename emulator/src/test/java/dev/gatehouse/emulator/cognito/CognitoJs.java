package dev.gatehouse.emulator.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * amazon-cognito-identity-js under Node, installed with npm into {@code target/cognito-js} (once per build
 * directory). Without node/npm a test using it is skipped, unless {@code CI=true}, where it must run.
 */
public final class CognitoJs {
    public static final Path DIR = Path.of("target", "cognito-js");

    private CognitoJs() {
    }

    /** Installs the library (if not yet there) or skips/fails the calling test class when Node is missing. */
    public static void install() throws IOException, InterruptedException {
        if (!works("npm", "--version") || !works("node", "--version")) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but node/npm are not available: install Node.js (e.g. apt-get install nodejs npm)");
            }
            Assumptions.abort("node/npm not available: skipping the amazon-cognito-identity-js check");
        }
        Files.createDirectories(DIR);
        for (String file : List.of("package.json", "sign-in.js")) {
            try (InputStream in = CognitoJs.class.getResourceAsStream("/cognito-js/" + file)) {
                Files.copy(in, DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(DIR.resolve("node_modules/amazon-cognito-identity-js"))) {
            Result r = run(DIR, 600, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
            assertEquals(0, r.exit(), "npm install failed:\n" + r.output());
        }
    }

    /**
     * {@code authenticateUser} (USER_SRP_AUTH) against {@code endpoint}; the JSON line sign-in.js prints:
     * {@code {ok, sub, email, refresh}} or {@code {ok:false, code, message}}.
     */
    public static JsonNode signIn(String endpoint, String userPoolId, String clientId, String email, String password)
            throws IOException, InterruptedException {
        Result r = run(DIR, 120, "node", "sign-in.js", endpoint, userPoolId, clientId, email, password);
        assertEquals(0, r.exit(), r.output());
        String[] lines = r.output().trim().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    public record Result(int exit, String output) {
    }

    public static Result run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + new String(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean works(String... command) {
        try {
            return run(Path.of("."), 60, command).exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
