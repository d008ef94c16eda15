package dev.gatehouse.emulator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.cognito.CognitoJs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Header values reach the verifier and the event exactly as sent: well-known values that Jetty's header cache used to
 * hand back lower-cased ({@code Content-Type}, {@code Accept-Encoding}, {@code Connection}, {@code Cache-Control},
 * {@code Host}, ...), signed in mixed case by the AWS SDK v2 signer, by {@code curl --aws-sigv4} and by the JavaScript
 * SDK v3 signer, are accepted through the real server and arrive unchanged in the event; a copy with one byte of the
 * value changed is refused. {@code Host} and {@code Connection} do not reach the event as sent (API Gateway puts its own
 * domain there and drops hop-by-hop headers): for them, acceptance of the signed request is what shows the verifier saw
 * the value as sent.
 */
class HeaderValuesAsSentTest {
    /** Each value differs from a field of Jetty's cache by case (or inner whitespace) only. */
    static final List<Map.Entry<String, String>> CASES = List.of(
            Map.entry("Content-Type", "application/json; charset=UTF-8"),
            Map.entry("Content-Type", "Application/JSON"),
            Map.entry("Content-Type", "text/plain; charset=UTF-8"),
            Map.entry("Content-Type", "Application/X-WWW-Form-Urlencoded;Charset=UTF-8"),
            Map.entry("Content-Type", "application/json;  charset=UTF-8"),
            Map.entry("Accept", "Application/JSON, Text/Plain, */*"),
            Map.entry("Accept-Encoding", "GZIP, Deflate, BR"),
            Map.entry("Accept-Encoding", "Gzip"),
            Map.entry("Accept-Language", "EN-us,en;q=0.5"),
            Map.entry("Accept-Charset", "iso-8859-1,UTF-8;q=0.7,*;q=0.3"),
            Map.entry("Cache-Control", "No-Cache"),
            Map.entry("Cache-Control", "Max-Age=0"),
            Map.entry("Pragma", "No-Cache"),
            Map.entry("Connection", "Keep-Alive"));

    /** The event's {@code host}: the API's domain name, as API Gateway gives it (gatehouse-probe.json's API). */
    private static final String API_DOMAIN = "gh0notes01.execute-api.us-east-1.amazonaws.com";

    private static Gatehouse gatehouse;
    private static SignIn.IdentityCredentials caller;

    @BeforeAll
    static void start() throws Exception {
        Path file = Path.of(HeaderValuesAsSentTest.class.getResource("/e2e/gatehouse-probe.json").toURI());
        gatehouse = Gatehouse.builder().config(file).port(0).start();
        caller = TestUsers.signIn(gatehouse, TestUsers.ALICE);
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    @Test
    void sdk_v2_signer_mixed_case_values_are_accepted_as_sent_and_one_byte_changes_refused() throws Exception {
        List<String> failures = new ArrayList<>();
        List<Map.Entry<String, String>> cases = new ArrayList<>(CASES);
        cases.add(Map.entry("Host", "LocalHost:" + gatehouse.port()));
        for (Map.Entry<String, String> c : cases) {
            boolean host = c.getKey().equals("Host");
            URI base = host ? URI.create("http://LocalHost:" + gatehouse.port()) : gatehouse.baseUri();
            ApiCall call = ApiCall.of(base, "POST", "/probe/headers").as(caller).body(utf8("{}"));
            if (!host) {
                call.header(c.getKey(), c.getValue());
            }
            Wire wire = call.signed();
            assertEquals(c.getValue(), wire.header(c.getKey()), "the SDK sends the value as given");
            Answer answer = send(wire.method(), "/probe/headers", wire.headers(), wire.body());
            check(failures, "SDK " + c, c, answer, signedNames(wire.header("Authorization")),
                    send(wire.method(), "/probe/headers", tamper(wire.headers(), c.getKey()), wire.body()));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void repeated_headers_keep_their_order_and_values() throws Exception {
        Wire wire = ApiCall.of(gatehouse.baseUri(), "POST", "/probe/headers").as(caller).body(utf8("{}"))
                .header("X-Dup", "Beta").header("X-Dup", "alpha  Two").signed();
        Answer answer = send(wire.method(), "/probe/headers", wire.headers(), wire.body());
        assertEquals(200, answer.status(), answer.toString());
        assertEquals("Beta,alpha  Two", answer.event().path("headers").path("x-dup").asText());

        List<Map.Entry<String, String>> swapped = new ArrayList<>();
        for (Map.Entry<String, String> h : wire.headers()) {
            if (h.getKey().equalsIgnoreCase("X-Dup")) {
                continue;
            }
            swapped.add(h);
        }
        swapped.add(Map.entry("X-Dup", "alpha  Two"));
        swapped.add(Map.entry("X-Dup", "Beta"));
        assertEquals(403, send(wire.method(), "/probe/headers", swapped, wire.body()).status(),
                "the same values in the other order are another signature");
    }

    @Test
    void curl_mixed_case_values_are_accepted_as_sent_and_one_byte_changes_refused() throws Exception {
        requireTool("curl", "apt-get install curl", "curl", "--version");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> c : CASES) {
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "-v", "--http1.1",
                    "--aws-sigv4", "aws:amz:us-east-1:execute-api",
                    "--user", caller.accessKeyId() + ":" + caller.secretAccessKey(),
                    "-H", "x-amz-security-token: " + caller.sessionToken(),
                    "-H", c.getKey() + ": " + c.getValue(),
                    "--data-binary", "{}", "-X", "POST", "-w", "%{http_code}", "-o", "-",
                    gatehouse.baseUri().toString().replaceAll("/$", "") + "/probe/headers"));
            Path traceFile = Files.createTempFile(Path.of("target"), "curl-trace", ".txt");
            Path bodyFile = Files.createTempFile(Path.of("target"), "curl-body", ".bin");
            command.set(command.indexOf("-o") + 1, bodyFile.toString());
            Process p = new ProcessBuilder(command).redirectError(traceFile.toFile()).start();
            p.getOutputStream().close();
            String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl timed out");
            String trace = Files.readString(traceFile);
            Answer answer = new Answer(Integer.parseInt(status), text(Files.readAllBytes(bodyFile)));
            Files.delete(traceFile);
            Files.delete(bodyFile);
            List<Map.Entry<String, String>> sent = requestHeadersOf(trace);
            String authorization = sent.stream().filter(h -> h.getKey().equalsIgnoreCase("Authorization"))
                    .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(trace));
            check(failures, "curl " + c, c, answer, signedNames(authorization),
                    send("POST", "/probe/headers", tamper(sent, c.getKey()), utf8("{}")));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void javascript_sdk_v3_signer_mixed_case_values_are_accepted_as_sent_and_one_byte_changes_refused()
            throws Exception {
        Path dir = installJsSigner();
        var spec = Wire.JSON.createObjectNode()
                .put("url", gatehouse.baseUri().toString()).put("path", "/probe/headers")
                .put("accessKeyId", caller.accessKeyId()).put("secretAccessKey", caller.secretAccessKey())
                .put("sessionToken", caller.sessionToken());
        var cases = spec.putArray("cases");
        List<Map.Entry<String, String>> all = new ArrayList<>(CASES);
        all.add(Map.entry("Host", "LocalHost:" + gatehouse.port()));
        all.forEach(c -> cases.addObject().put("name", c.getKey()).put("value", c.getValue()));
        Path specFile = dir.resolve("spec.json");
        Files.writeString(specFile, spec.toString());
        CognitoJs.Result r = CognitoJs.run(dir, 180, "node", "send-signed.mjs", "spec.json");
        assertEquals(0, r.exit(), r.output());
        List<String> failures = new ArrayList<>();
        int seen = 0;
        for (String line : r.output().split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode result = Wire.JSON.readTree(line);
            Map.Entry<String, String> c = Map.entry(result.get("name").asText(), result.get("value").asText());
            Answer answer = new Answer(result.get("status").asInt(), result.get("event").toString());
            Answer tampered = new Answer(result.get("tamperedStatus").asInt(), result.get("tamperedBody").asText());
            check(failures, "JS " + c, c, answer,
                    result.get("signed").asBoolean() ? List.of(c.getKey().toLowerCase(Locale.ROOT)) : List.of(),
                    tampered);
            seen++;
        }
        assertEquals(all.size(), seen, r.output());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Accepted with the value as sent in the event; when the header was signed, the changed copy is refused. */
    private static void check(List<String> failures, String what, Map.Entry<String, String> c, Answer answer,
                              List<String> signed, Answer tampered) {
        if (answer.status() != 200) {
            failures.add(what + ": " + answer);
            return;
        }
        String name = c.getKey().toLowerCase(Locale.ROOT);
        String inEvent = answer.event().path("headers").path(name).asText(null);
        // API Gateway's event has its own host (the API's domain) and no hop-by-hop headers: for those two the value
        // as sent is seen by the verifier only, i.e. the signed request is accepted and its changed copy refused
        String expected = switch (name) {
            case "host" -> API_DOMAIN;
            case "connection" -> null;
            default -> c.getValue();
        };
        if (!java.util.Objects.equals(expected, inEvent)) {
            failures.add(what + ": the event carries " + inEvent);
        }
        boolean isSigned = signed.contains(name);
        if (isSigned && tampered.status() != 403) {
            failures.add(what + ": a one-byte change was not refused: " + tampered);
        }
        // every signer signs these; which others it signs is its own choice (the SDK and the JS signer leave
        // Connection out, the JS signer Cache-Control and Pragma too): those are checked as they arrive in the event
        if (!isSigned && List.of("content-type", "host").contains(c.getKey().toLowerCase(Locale.ROOT))) {
            failures.add(what + ": the signer did not sign it (SignedHeaders " + signed + ")");
        }
    }

    record Answer(int status, String body) {
        JsonNode event() {
            try {
                return Wire.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static List<String> signedNames(String authorization) {
        int at = authorization.indexOf("SignedHeaders=");
        String names = authorization.substring(at + "SignedHeaders=".length()).split(",")[0];
        return List.of(names.split(";"));
    }

    /** The headers with one byte of the named one's value changed (the case of its last letter). */
    private static List<Map.Entry<String, String>> tamper(List<Map.Entry<String, String>> headers, String name) {
        List<Map.Entry<String, String>> changed = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            changed.add(h.getKey().equalsIgnoreCase(name)
                    ? new AbstractMap.SimpleImmutableEntry<>(h.getKey(), oneByteChanged(h.getValue())) : h);
        }
        return changed;
    }

    static String oneByteChanged(String value) {
        for (int i = value.length() - 1; i >= 0; i--) {
            char c = value.charAt(i);
            if (Character.isLetter(c)) {
                char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return value.substring(0, i) + flipped + value.substring(i + 1);
            }
        }
        return value + "x";
    }

    /** The request head lines curl -v printed ({@code > Name: value}). */
    private static List<Map.Entry<String, String>> requestHeadersOf(String trace) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line : trace.split("\r?\n")) {
            if (line.startsWith("> ") && line.indexOf(':') > 2 && !line.startsWith("> POST")) {
                int colon = line.indexOf(':');
                headers.add(new AbstractMap.SimpleImmutableEntry<>(line.substring(2, colon),
                        line.substring(colon + 1).strip()));
            }
        }
        return headers;
    }

    /** Exactly these bytes over a socket; the answer read by its Content-Length. */
    private static Answer send(String method, String path, List<Map.Entry<String, String>> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        boolean hasLength = false;
        for (Map.Entry<String, String> h : headers) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            hasLength |= h.getKey().equalsIgnoreCase("Content-Length");
        }
        if (!hasLength) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", gatehouse.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    private static Answer readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        while (!headBytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + headBytes);
            }
            headBytes.write(b);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        int length = -1;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = length < 0 ? in.readAllBytes() : in.readNBytes(length);
        return new Answer(status, text(body));
    }

    private static Path installJsSigner() throws IOException, InterruptedException {
        requireTool("node/npm", "apt-get install nodejs npm", "npm", "--version");
        Path dir = Path.of("target", "sigv4-js");
        Files.createDirectories(dir);
        for (String file : List.of("package.json", "send-signed.mjs")) {
            try (InputStream in = HeaderValuesAsSentTest.class.getResourceAsStream("/sigv4-js/" + file)) {
                Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@smithy/signature-v4"))) {
            CognitoJs.Result r = CognitoJs.run(dir, 600, "npm", "install", "--no-audit", "--no-fund",
                    "--loglevel=error");
            assertEquals(0, r.exit(), "npm install failed:\n" + r.output());
        }
        return dir;
    }

    private static void requireTool(String what, String install, String... versionCommand) {
        boolean works;
        try {
            works = CognitoJs.run(Path.of("."), 60, versionCommand).exit() == 0;
        } catch (IOException | InterruptedException e) {
            works = false;
        }
        if (works) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but " + what + " is not available: " + install);
        }
        Assumptions.abort(what + " is not available (" + install + ")");
    }

    /**
     * A response body as text: Javalin gzips a large answer to a request that accepts gzip (a difference from API
     * Gateway's HTTP APIs, which do not compress; not what this test is about).
     */
    private static String text(byte[] body) throws IOException {
        if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
            try (var gzip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = gzip.readAllBytes();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
