package dev.gatehouse.emulator.door;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.scenarios.Wire;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signatures that bind less than they seem: {@code :authority} over HTTP/1.1, a presigned URL with no expiry. */
class SigV4HostBindingTest {
    static Gatehouse gatehouse;
    static SignIn.IdentityCredentials alice;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        alice = Wire.credentials(gatehouse, "alice@example.com", "Passw0rd!alice");
    }

    @AfterAll
    static void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void signing_authority_instead_of_host_over_http_1_1_is_refused_whatever_the_host() throws Exception {
        for (String host : new String[] {"evil.example", "127.0.0.1:" + gatehouse.port()}) {
            Http.Response r = Http.send(gatehouse.port(), "GET /notes", host,
                    HandSigned.authorityOnlyHeaders(alice, "/notes"), "");
            assertEquals(403, r.status(), host + ": " + r.body());
            assertEquals("IncompleteSignatureException", r.header("x-amzn-ErrorType"));
            assertTrue(r.header("X-Gatehouse-Reason").startsWith("HOST_NOT_SIGNED: "), r.header("X-Gatehouse-Reason"));
        }
    }

    @Test
    void a_presigned_url_without_x_amz_expires_is_refused() throws Exception {
        String host = "127.0.0.1:" + gatehouse.port();
        Http.Response r = Http.send(gatehouse.port(), "GET " + HandSigned.presignedWithoutExpires(alice, host,
                "/notes"), host, java.util.List.of(), "");
        assertEquals(403, r.status(), r.body());
        assertEquals("IncompleteSignatureException", r.header("x-amzn-ErrorType"));
        assertTrue(r.header("X-Gatehouse-Reason").contains("X-Amz-Expires"), r.header("X-Gatehouse-Reason"));
    }
}
