package dev.gatehouse.emulator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.server.GatewayServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7, malformed input: each case gets the error AWS would give, never a 5xx from Gatehouse, and the server keeps
 * serving (checked after every test).
 */
class MalformedInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Gatehouse gatehouse;
    static SignedRequests.Key alice;

    @BeforeAll
    static void start() {
        System.setProperty(GatewayServer.IDLE_TIMEOUT_PROPERTY, "1000");
        try {
            gatehouse = Gatehouse.builder().port(0).start();
        } finally {
            System.clearProperty(GatewayServer.IDLE_TIMEOUT_PROPERTY);
        }
        try (SignIn signIn = new SignIn(gatehouse.outputs(), gatehouse.baseUri(), Clock.systemUTC())) {
            SignIn.IdentityCredentials c = signIn.credentials(signIn.srp("carol@example.com", "Passw0rd!carol").idToken());
            alice = new SignedRequests.Key(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        }
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    @AfterEach
    void still_serving() throws Exception {
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(gatehouse.baseUri().resolve("/_gatehouse/outputs"))
                        .header(AdminToken.HEADER, gatehouse.adminToken()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static RawHttp.Response signed(String method, String path, byte[] body) throws Exception {
        SignedRequests.Signed s = new SignedRequests(new Random(1), "127.0.0.1", gatehouse.port())
                .sign(method, path, body, alice, Instant.now());
        return RawHttp.send(gatehouse.port(), s.wire().bytes());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json", "{\"content\":", "[1,2]", "\"text\"", "{\"content\":5}", "{} {}", "null"})
    void a_note_body_that_is_not_a_json_object_is_a_400_from_the_function(String body) throws Exception {
        RawHttp.Response r = signed("POST", "/notes", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.body());
        assertTrue(JSON.readTree(r.body()).has("error"), r.body());
    }

    @Test
    void a_body_that_is_not_utf8_is_a_400_from_the_function() throws Exception {
        RawHttp.Response r = signed("POST", "/notes", new byte[] {(byte) 0xff, (byte) 0xfe, '{', (byte) 0xc3, '}'});
        assertEquals(400, r.status(), r.body());
    }

    @Test
    void request_line_and_headers_over_10240_bytes_are_a_413() throws Exception {
        RawHttp.Response r = signed("GET", "/notes?pad=" + "p".repeat(10_300), new byte[0]);
        assertEquals(413, r.status(), r.body());
        assertEquals("{\"message\":\"Request Entity Too Large\"}", r.body());
    }

    @Test
    void headers_over_jettys_own_limit_are_refused_not_failed() throws Exception {
        String request = "GET /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(70_000)
                + "\r\nConnection: close\r\n\r\n";
        RawHttp.Response r = RawHttp.send(gatehouse.port(), request.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(431, r.status(), r.body());
    }

    @Test
    void a_body_over_10_mb_is_a_413() throws Exception {
        byte[] body = new byte[10 * 1024 * 1024 + 1];
        String head = "POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] request = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, request, 0, head.length());
        RawHttp.Response r = RawHttp.send(gatehouse.port(), request);
        assertEquals(413, r.status(), r.body());
    }

    @Test
    void a_client_that_never_finishes_its_body_is_disconnected() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", gatehouse.port()));
            socket.setSoTimeout(10_000); // fails if the idle timeout (1 s here, 30 s by default) is not applied
            OutputStream out = socket.getOutputStream();
            out.write(("POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{\"content\":")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] rest = in.readAllBytes(); // returns when the server closes the connection
            String answer = new String(rest, StandardCharsets.ISO_8859_1);
            assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 4"), answer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AWSCognitoIdentityProviderService.NoSuchOperation", "AWSCognitoIdentityService.",
            "NoSuchService.InitiateAuth", "garbage", "", ".", "AWSCognitoIdentityProviderService..InitiateAuth",
            "AWSCognitoIdentityProviderService.InitiateAuth.Extra"})
    void unknown_or_malformed_targets_are_unknown_operations(String target) throws Exception {
        HttpResponse<String> r = awsJson(target, "{}");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("UnknownOperationException", JSON.readTree(r.body()).get("__type").asText(), r.body());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "AWSCognitoIdentityProviderService.InitiateAuth|{\"AuthFlow\":\"USER_PASSWORD_AUTH\"}",
            "AWSCognitoIdentityProviderService.InitiateAuth|{\"ClientId\":123,\"AuthFlow\":\"USER_PASSWORD_AUTH\"}",
            "AWSCognitoIdentityProviderService.InitiateAuth|{\"ClientId\":\"x\",\"AuthFlow\":[],\"AuthParameters\":\"p\"}",
            "AWSCognitoIdentityProviderService.SignUp|{\"ClientId\":\"4gatehouse1notes2client3id\",\"Username\":{}}",
            "AWSCognitoIdentityProviderService.SignUp|{\"Extra\":1,\"ClientId\":\"4gatehouse1notes2client3id\"}",
            "AWSCognitoIdentityProviderService.RespondToAuthChallenge|{\"ChallengeResponses\":[1,2]}",
            "AWSCognitoIdentityService.GetId|{\"IdentityPoolId\":\"us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e\"}",
            "AWSCognitoIdentityService.GetId|{\"IdentityPoolId\":true,\"Logins\":\"x\"}",
            "AWSCognitoIdentityService.GetCredentialsForIdentity|{\"IdentityId\":\"us-east-1:nope\",\"Logins\":{\"a\":1}}",
            "AWSCognitoIdentityService.GetCredentialsForIdentity|{}",
            "AWSCognitoIdentityProviderService.InitiateAuth|not json",
            "AWSCognitoIdentityProviderService.InitiateAuth|[]",
    })
    void awsjson_bodies_with_missing_extra_or_wrongly_typed_fields_are_client_errors(String target, String body)
            throws Exception {
        HttpResponse<String> r = awsJson(target, body);
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        JsonNode error = JSON.readTree(r.body());
        assertTrue(error.get("__type").asText().matches("[A-Za-z]+Exception"), r.body());
        assertEquals(error.get("__type").asText() + ":", r.headers().firstValue("x-amzn-ErrorType").orElseThrow());
    }

    @Test
    void fuzzed_cognito_and_identity_requests_are_never_a_5xx() throws Exception {
        long seed = Long.getLong("gatehouse.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        String[] operations = {"AWSCognitoIdentityProviderService.InitiateAuth",
                "AWSCognitoIdentityProviderService.RespondToAuthChallenge", "AWSCognitoIdentityProviderService.SignUp",
                "AWSCognitoIdentityProviderService.ConfirmSignUp", "AWSCognitoIdentityProviderService.GetUser",
                "AWSCognitoIdentityProviderService.AdminConfirmSignUp", "AWSCognitoIdentityProviderService.ListUsers",
                "AWSCognitoIdentityProviderService.AdminCreateUser", "AWSCognitoIdentityProviderService.AdminGetUser",
                "AWSCognitoIdentityService.GetId", "AWSCognitoIdentityService.GetCredentialsForIdentity",
                "AWSCognitoIdentityService.GetOpenIdToken"};
        String[] fields = {"ClientId", "AuthFlow", "AuthParameters", "USERNAME", "PASSWORD", "SRP_A", "Username",
                "Password", "UserPoolId", "ChallengeName", "ChallengeResponses", "Session", "UserAttributes",
                "IdentityPoolId", "IdentityId", "Logins", "AccessToken", "ConfirmationCode", "Limit", "Filter",
                "PaginationToken", "TemporaryPassword", "MessageAction", "Name", "Value"};
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        List<String> failures = new ArrayList<>();
        int requests = 600;
        for (int i = 0; i < requests; i++) {
            String target = operations[random.nextInt(operations.length)];
            String body = JSON.writeValueAsString(fuzzObject(random, fields, 0));
            HttpResponse<String> r = awsJson(target, body);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() >= 500 || r.statusCode() >= 400 && !r.body().contains("__type")) {
                failures.add(r.statusCode() + " " + r.body() + " for " + target + " " + body);
            }
        }
        System.out.printf("MalformedInputTest fuzz seed %d: %d awsJson requests, statuses %s%n", seed, requests,
                statuses);
        assertEquals(List.of(), failures, "seed " + seed);
    }

    private static Object fuzzObject(Random random, String[] fields, int depth) {
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            o.put(random.nextInt(8) == 0 ? "f" + random.nextInt(100) : fields[random.nextInt(fields.length)],
                    fuzzValue(random, fields, depth + 1));
        }
        return o;
    }

    private static Object fuzzValue(Random random, String[] fields, int depth) {
        return switch (random.nextInt(depth > 2 ? 7 : 9)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * 1e300;
            case 4 -> "";
            case 5 -> "x".repeat(random.nextInt(5) == 0 ? 100_000 : random.nextInt(40));
            case 6 -> new String(new int[] {0x1F600, 0x0, 0xFFFD, 0x202E, 'a'}, 0, 5);
            case 7 -> java.util.Arrays.asList(fuzzValue(random, fields, depth + 1), fuzzValue(random, fields, depth + 1));
            default -> fuzzObject(random, fields, depth);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/%", "/%zz", "/notes/%", "/notes/%00", "/notes/%ff%fe", "/..%2f..%2fetc%2fpasswd",
            "/notes/../../../../etc/passwd", "//////", "/notes//", "/notes/a;b", "*", "/notes/\u00e9", "/notes?%",
            "/notes?a=%zz&&=&", "/notes/%2e%2e/notes", "/_gatehouse/../notes", "/_gatehouse/nothing"})
    void absurd_paths_are_answered_not_failed(String path) throws Exception {
        for (String method : List.of("GET", "POST", "DELETE", "OPTIONS")) {
            String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n";
            RawHttp.Response r = RawHttp.send(gatehouse.port(), request.getBytes(StandardCharsets.UTF_8));
            assertTrue(r.status() >= 400 && r.status() < 500, method + " " + path + ": " + r.status() + " " + r.body());
        }
        RawHttp.Response longPath = RawHttp.send(gatehouse.port(), ("GET /notes/" + "a/".repeat(4000)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(longPath.status() >= 400 && longPath.status() < 500, longPath.status() + " " + longPath.body());
    }

    private static HttpResponse<String> awsJson(String target, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gatehouse.baseUri() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!target.isEmpty()) {
            b.header("X-Amz-Target", target);
        } else {
            b.header("X-Amz-Target", " ");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
