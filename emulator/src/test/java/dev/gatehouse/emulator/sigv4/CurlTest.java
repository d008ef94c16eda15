package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.http.JettyRequests;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import java.nio.charset.StandardCharsets;
import dev.gatehouse.emulator.iam.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * curl --aws-sigv4 against a Javalin server on loopback that converts the Jetty request with {@link JettyRequests}
 * and answers the verdict: {@code 200 <rawPath>} or {@code 403 <reason>\n<explanation>}.
 */
class CurlTest {

    private static Javalin app;
    private static final Credentials CREDENTIALS = new Credentials(SdkSigning.TEMPORARY.accessKeyId(),
            SdkSigning.TEMPORARY.secretAccessKey(), SdkSigning.TEMPORARY.sessionToken(),
            Instant.now().plus(Duration.ofHours(1)), SdkSigning.TEMPORARY.principal());
    private static final SigV4Verifier VERIFIER = SigV4Verifier.executeApi(
            id -> id.equals(CREDENTIALS.accessKeyId()) ? Optional.of(CREDENTIALS) : Optional.empty(),
            Clock.systemUTC(), "us-east-1");

    @BeforeAll
    static void start() {
        app = Javalin.create(cfg -> {
            cfg.jetty.host = "127.0.0.1";
            cfg.startup.showJavalinBanner = false;
            JettyRequests.acceptRawPaths(cfg);
            for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE)) {
                cfg.routes.addHttpHandler(type, "*", ctx -> {
                    IncomingRequest request = JettyRequests.incomingRequest(ctx, Clock.systemUTC().instant());
                    Verdict verdict = VERIFIER.verify(request);
                    if (verdict instanceof Verdict.Refused r) {
                        ctx.status(r.httpStatus()).result(r.reason() + "\n" + r.explanation() + "\n" + request.rawPath());
                    } else {
                        ctx.result("OK " + request.rawPath() + (request.rawQuery() == null ? "" : "?" + request.rawQuery()));
                    }
                });
            }
        }).start(0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "--max-time", "20", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    static String url(String pathAndQuery) {
        return "http://127.0.0.1:" + app.port() + pathAndQuery;
    }

    static String[] signed(String... more) {
        List<String> args = new ArrayList<>(List.of("--aws-sigv4", "aws:amz:us-east-1:execute-api", "--user",
                SdkSigning.TEMPORARY.accessKeyId() + ":" + SdkSigning.TEMPORARY.secretAccessKey(),
                "-H", "x-amz-security-token: " + SdkSigning.TEMPORARY.sessionToken()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static final String NOT_DOUBLE_ENCODED = "path was not double-encoded when signing";

    @Test
    void signed_get_is_accepted() throws Exception {
        assertEquals("OK /notes?a=1&b=2\n200", curl(signed(url("/notes?a=1&b=2"))));
    }

    @Test
    void signed_post_with_a_body_is_accepted() throws Exception {
        assertEquals("OK /notes\n200", curl(signed("-X", "POST", "-H", "Content-Type: application/json",
                "--data-binary", "{\"content\":\"hello world\"}", url("/notes"))));
    }

    @Test
    void unsigned_request_is_refused() throws Exception {
        assertEquals("MISSING_AUTHENTICATION", curl(url("/notes")).lines().findFirst().orElseThrow());
    }

    @Test
    void missing_session_token_is_refused() throws Exception {
        String out = curl("--aws-sigv4", "aws:amz:us-east-1:execute-api", "--user",
                CREDENTIALS.accessKeyId() + ":" + CREDENTIALS.secretAccessKey(), url("/notes"));
        assertEquals("MISSING_SESSION_TOKEN", out.lines().findFirst().orElseThrow());
        assertTrue(out.endsWith("\n403"));
    }

    @Test
    void wrong_secret_is_a_signature_mismatch() throws Exception {
        String out = curl("--aws-sigv4", "aws:amz:us-east-1:execute-api", "--user", CREDENTIALS.accessKeyId() + ":nope",
                "-H", "x-amz-security-token: " + CREDENTIALS.sessionToken(), url("/notes"));
        assertTrue(out.startsWith("SIGNATURE_MISMATCH\nthe secret key is not the one issued"), out);
    }

    @Test
    void curl_percent_encoded_path_is_refused_as_api_gateway_would_and_explained() throws Exception {
        // curl signs the path as typed; execute-api signs it encoded twice: real API Gateway refuses this too.
        String out = curl(signed(url("/notes/a%2Fb")));
        assertTrue(out.startsWith("SIGNATURE_MISMATCH\n" + NOT_DOUBLE_ENCODED), out);
        assertTrue(out.contains("\n/notes/a%2Fb\n403"), "Jetty must hand over the raw path: " + out);
    }

    @Test
    void curl_dot_segments_and_double_slashes_arrive_raw_and_are_explained() throws Exception {
        String out = curl(signed("--path-as-is", url("//notes/./a/../b")));
        assertTrue(out.startsWith("SIGNATURE_MISMATCH\npath was signed without normalization"), out);
        assertTrue(out.contains("\n//notes/./a/../b\n403"), "Jetty must hand over the raw path: " + out);
    }

    @Test
    void curl_unsorted_query_is_refused_and_explained() throws Exception {
        String out = curl(signed(url("/notes?b=2&a=1")));
        assertTrue(out.startsWith("SIGNATURE_MISMATCH\nquery string parameters were not sorted when signing"), out);
    }

    @Test
    void sdk_signed_requests_with_odd_paths_verify_through_jetty() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/notes/a%2Fb", "/notes/a%20b/caf%C3%A9", "//notes//x", "/notes/./a/../b",
                "/notes/%2E%2E/x", "/notes/a+b:c@d")) {
            SdkSigning.Call call = new SdkSigning.Call().path(path).query("q", "x y").query("flag", "");
            call.host = "127.0.0.1";
            call.port = app.port();
            call.credentials = CREDENTIALS;
            call.signedAt = Instant.now();
            SdkHttpRequest signed = call.signed();
            HttpRequest.Builder http = HttpRequest.newBuilder(signed.getUri()).GET();
            signed.forEachHeader((name, values) -> {
                if (!name.equalsIgnoreCase("Host")) {
                    values.forEach(v -> http.header(name, v));
                }
            });
            HttpResponse<String> response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path + " -> " + response.body());
            assertEquals("OK " + signed.encodedPath() + "?" + signed.encodedQueryParameters().orElseThrow(),
                    response.body());
        }
    }
}
