package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.clock.ControlledClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * amazon-cognito-identity-js, under Node, signs in over SRP against the pool. It is installed with npm into
 * {@code target/cognito-js}. Without npm the test is skipped, unless {@code CI=true}, where it must run.
 */
class UserPoolCognitoJsTest {
    static final Path DIR = Path.of("target", "cognito-js");
    static UserPool pool;
    static TestCognitoServer server;

    @BeforeAll
    static void install() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!commandWorks("npm", "--version") || !commandWorks("node", "--version")) {
            if (ci) {
                fail("CI=true but node/npm are not available: install Node.js (e.g. apt-get install nodejs npm)");
            }
            Assumptions.abort("node/npm not available: skipping the amazon-cognito-identity-js check");
        }
        Files.createDirectories(DIR);
        for (String file : List.of("package.json", "sign-in.js")) {
            try (var in = UserPoolCognitoJsTest.class.getResourceAsStream("/cognito-js/" + file)) {
                Files.copy(in, DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(DIR.resolve("node_modules/amazon-cognito-identity-js"))) {
            Result r = run(DIR, 600, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
            assertEquals(0, r.exit, "npm install failed:\n" + r.output);
        }
        pool = UserPoolSrpTest.newPool(new ControlledClock());
        server = new TestCognitoServer(pool);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    JsonNode signIn(String email, String password) throws Exception {
        Result r = run(DIR, 120, "node", "sign-in.js", server.endpoint() + "/", UserPoolSrpTest.POOL_ID,
                UserPoolSrpTest.CLIENT_ID, email, password);
        assertEquals(0, r.exit, r.output);
        String[] lines = r.output.trim().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void the_javascript_library_signs_in_over_srp() throws Exception {
        JsonNode out = signIn("admin@example.com", "Passw0rd!");
        assertTrue(out.get("ok").asBoolean(), out.toString());
        assertEquals(UserPoolSrpTest.SUB, out.get("sub").asText());
        assertEquals("admin@example.com", out.get("email").asText());
        assertTrue(out.get("refresh").asBoolean());
    }

    @Test
    void the_javascript_library_sees_a_wrong_password_refused() throws Exception {
        JsonNode out = signIn("admin@example.com", "Wrong-Passw0rd!");
        assertEquals("NotAuthorizedException", out.get("code").asText(), out.toString());
        assertEquals("Incorrect username or password.", out.get("message").asText());
    }

    record Result(int exit, String output) {
    }

    static Result run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
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

    private static boolean commandWorks(String... command) {
        try {
            return run(Path.of("."), 60, command).exit == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
