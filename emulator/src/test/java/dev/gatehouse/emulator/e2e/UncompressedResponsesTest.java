package dev.gatehouse.emulator.e2e;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An HTTP API has no response compression: the body a function returns reaches a client that accepts gzip as the
 * function returned it, without {@code Content-Encoding} (the server's own gzip of large bodies is off).
 */
class UncompressedResponsesTest {
    private static Gatehouse gatehouse;
    private static SignIn.IdentityCredentials caller;

    @BeforeAll
    static void start() throws Exception {
        Path file = Path.of(UncompressedResponsesTest.class.getResource("/e2e/gatehouse-probe.json").toURI());
        gatehouse = Gatehouse.builder().config(file).port(0).start();
        caller = TestUsers.signIn(gatehouse, TestUsers.ALICE);
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    @Test
    void a_large_body_reaches_a_client_that_accepts_gzip_as_the_function_returned_it() throws Exception {
        String marker = "x".repeat(4_000);
        Wire.Reply reply = ApiCall.of(gatehouse.baseUri(), "GET", "/probe/large?q=" + marker).as(caller)
                .header("Accept-Encoding", "gzip, deflate, br").signed().send();

        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.headers().firstValue("Content-Encoding").isEmpty(),
                "Content-Encoding: " + reply.headers().firstValue("Content-Encoding"));
        // the probe answers its event: the query arrives in the body as plain JSON text, not gzip bytes
        assertTrue(reply.body().getBytes(StandardCharsets.UTF_8).length > 4_000, "body of " + reply.body().length());
        assertEquals(marker, Wire.JSON.readTree(reply.body()).path("queryStringParameters").path("q").asText());
    }
}
