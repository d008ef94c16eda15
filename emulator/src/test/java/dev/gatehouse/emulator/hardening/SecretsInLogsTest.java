package dev.gatehouse.emulator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.RunningGatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignedCall;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

/**
 * Issue 7, secrets: a separate Gatehouse runs sign-up, both sign-in flows, a wrong password, a refresh, identity pool
 * credentials, signed calls and refused ones (header and presigned, whose diagnostics print the canonical request);
 * its stdout and stderr then hold none of the passwords, secret keys, session tokens or JWTs (the start-up banner
 * lists the configured test users' passwords by design, and is left out of the search).
 */
class SecretsInLogsTest {

    @TempDir
    Path dir;

    @Test
    void passwords_keys_tokens_and_jwts_never_reach_the_logs() throws Exception {
        List<String> secrets = new ArrayList<>();
        GatehouseConfig config = ConfigLoader.loadDefault();
        config.users().forEach(u -> secrets.add(u.password()));
        String stopMarker = "Stop with Ctrl-C.";
        String output;
        try (GatehouseProcess p = GatehouseProcess.run(dir.resolve("logs"), "start", "--port", "0")) {
            URI base = p.awaitReady(Duration.ofSeconds(90));
            Outputs outputs = GatehouseProcess.outputs(base);
            secrets.add(RunningGatehouse.developer(base).secretAccessKey());
            secrets.add(AdminToken.find(base).orElseThrow());
            String email = "secret-" + System.nanoTime() + "@example.com";
            String password = "S3cret-Pw!" + System.nanoTime();
            String wrongPassword = "Wr0ng-Pw!" + System.nanoTime();
            secrets.add(password);
            secrets.add(wrongPassword);
            CognitoClients.createUser(base, outputs, email, password);
            try (SignIn signIn = new SignIn(outputs, base, Clock.systemUTC());
                 var userPool = CognitoClients.anonymous(base, outputs)) {
                SignIn.Tokens srp = signIn.srp(email, password);
                SignIn.Tokens pw = signIn.password("bob@example.com", "Passw0rd!bob");
                assertThrows(SdkServiceException.class, () -> signIn.password("alice@example.com", wrongPassword));
                var refreshed = userPool.initiateAuth(r -> r.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .clientId(outputs.userPoolClientId())
                        .authParameters(Map.of("REFRESH_TOKEN", srp.refreshToken()))).authenticationResult();
                for (SignIn.Tokens t : List.of(srp, pw)) {
                    addJwt(secrets, t.idToken());
                    addJwt(secrets, t.accessToken());
                    secrets.add(t.refreshToken());
                }
                addJwt(secrets, refreshed.idToken());
                addJwt(secrets, refreshed.accessToken());
                String tampered = srp.idToken().substring(0, srp.idToken().length() - 4) + "AAAA";
                addJwt(secrets, tampered);
                assertThrows(SdkServiceException.class, () -> signIn.credentials(tampered));

                SignIn.IdentityCredentials c = signIn.credentials(srp.idToken());
                secrets.add(c.secretAccessKey());
                secrets.add(c.sessionToken());
                assertEquals(200, SignedCall.send(outputs.region(), c, "POST", base, "/notes",
                        "{\"content\":\"secret test\"}").status());
                // a wrong secret: the refusal logs the canonical request, which carries the session token
                SignIn.IdentityCredentials wrong = new SignIn.IdentityCredentials(c.identityId(), c.accessKeyId(),
                        "wrong" + c.secretAccessKey(), c.sessionToken(), c.expiration());
                assertEquals(403, SignedCall.send(outputs.region(), wrong, "GET", base, "/notes", null).status());
                // the same, presigned: the token travels in the query string
                SignedRequests presigner = new SignedRequests(new Random(7), "127.0.0.1", base.getPort());
                SignedRequests.Signed s;
                do {
                    s = presigner.routeRequest(new SignedRequests.Key(c.accessKeyId(), "wrong" + c.secretAccessKey(),
                            c.sessionToken()), Instant.now());
                } while (!s.presigned());
                assertEquals(403, RawHttp.send(base.getPort(), s.wire().bytes()).status());
            }
            p.process.destroy(); // SIGTERM: a clean stop, whose log lines are in the output too
            p.awaitExit(Duration.ofSeconds(30));
            output = p.output();
        }
        int banner = output.indexOf(stopMarker);
        assertTrue(banner > 0, output);
        String logs = output.substring(banner + stopMarker.length());
        assertTrue(logs.contains("refused"), "the refusals were logged:\n" + logs);
        List<String> leaked = secrets.stream().filter(logs::contains).toList();
        System.out.printf("SecretsInLogsTest: %d secret values searched in %d characters of output, %d found%n",
                secrets.size(), logs.length(), leaked.size());
        assertEquals(List.of(), leaked, () -> "secrets in the logs:\n" + logs);
    }

    /** The whole token and its payload and signature parts on their own. */
    private static void addJwt(List<String> secrets, String jwt) {
        secrets.add(jwt);
        String[] parts = jwt.split("\\.");
        secrets.add(parts[1]);
        secrets.add(parts[2]);
    }
}
