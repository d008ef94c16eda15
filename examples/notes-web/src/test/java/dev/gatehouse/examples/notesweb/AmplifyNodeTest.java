package dev.gatehouse.examples.notesweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.record.CallRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Amplify v6 (aws-amplify 6.22) in Node, no browser, against Gatehouse's default configuration: the whole account and
 * notes flow of the page, with Amplify's own requests and headers.
 */
class AmplifyNodeTest {
    private static Gatehouse gatehouse;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
    }

    @AfterAll
    static void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void amplify_signs_up_confirms_signs_in_and_calls_the_api_and_a_wrong_password_is_refused() throws Exception {
        String email = "amplify-node-" + Long.toString(System.nanoTime(), 36) + "@example.com";
        Map<String, JsonNode> steps = flow(email);
        assertSteps(steps, List.of("sign-up", "confirm-sign-up", "sign-in", "fetch-auth-session", "post", "get",
                "wrong-password"));
        assertTrue(steps.get("wrong-password").get("detail").asText().contains("Incorrect username or password"),
                steps.get("wrong-password").toString());
        List<CallRecord> api = gatehouse.calls(r -> "api".equals(r.kind()) && email.equals(r.user()));
        assertTrue(api.stream().anyMatch(r -> "POST /notes".equals(r.operation()) && r.status() == 200), api.toString());
        assertTrue(api.stream().allMatch(r -> r.status() == 200), "every signed call accepted: " + api);
        // Amplify's default Content-Type for a JSON body, signed as sent (mixed case) and accepted as sent
        CallRecord post = api.stream().filter(r -> "POST /notes".equals(r.operation())).findFirst().orElseThrow();
        assertEquals("application/json; charset=UTF-8", header(post, "content-type"), post.request().toString());
        assertTrue(header(post, "authorization").matches(".*SignedHeaders=[^,]*content-type.*"),
                "Amplify signed the Content-Type: " + header(post, "authorization"));
    }

    /** A request header of the call as Gatehouse received it (the record keeps [name, value] pairs). */
    private static String header(CallRecord record, String name) {
        for (JsonNode h : record.request().path("headers")) {
            if (h.get(0).asText().equalsIgnoreCase(name)) {
                return h.get(1).asText();
            }
        }
        throw new AssertionError("no " + name + " header in " + record.request());
    }

    @Test
    void amplify_refreshes_the_session_and_signs_out_with_revoke_token() throws Exception {
        String email = "amplify-refresh-" + Long.toString(System.nanoTime(), 36) + "@example.com";
        Map<String, JsonNode> steps = flow(email);
        assertSteps(steps, List.of("sign-in", "refresh", "sign-out"));
        List<CallRecord> calls = gatehouse.calls(r -> true);
        assertTrue(calls.stream().anyMatch(r -> "GetTokensFromRefreshToken".equals(r.operation()) && r.status() == 200),
                "fetchAuthSession({forceRefresh:true}) refreshed with GetTokensFromRefreshToken");
        assertTrue(calls.stream().anyMatch(r -> "RevokeToken".equals(r.operation()) && r.status() == 200),
                "signOut revoked the refresh token with RevokeToken, answered 200");
    }

    /** Runs node/flow.mjs for a new user; its steps by name. */
    private static Map<String, JsonNode> flow(String email) throws Exception {
        Path npm = NotesWebSite.install();
        Path config = Files.createTempFile(NotesWebSite.MODULE.resolve("target"), "outputs", ".json");
        NotesWebSite.writeConfig(gatehouse, config);
        NotesWebSite.Run run = NotesWebSite.run(npm, 300, "node", "node/flow.mjs", config.toString(), email,
                "Passw0rd!node", Messages.adminToken(gatehouse));
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : run.output().split("\n")) {
            if (line.startsWith("{\"step\"")) {
                JsonNode step = json.readTree(line);
                steps.put(step.get("step").asText(), step);
            }
        }
        steps.put("(output)", json.getNodeFactory().textNode(run.output()));
        return steps;
    }

    private static void assertSteps(Map<String, JsonNode> steps, List<String> names) {
        for (String name : names) {
            JsonNode step = steps.get(name);
            assertTrue(step != null && step.get("ok").asBoolean(), name + " failed: " + step + "\n"
                    + steps.get("(output)").asText());
        }
    }
}
