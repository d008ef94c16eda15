package dev.gatehouse.emulator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.server.GatewayServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API and Cognito requests are answered on Jetty's own request ({@code GatewayServer}'s core path), with or without a
 * body; a server started with {@link GatewayServer#JAVALIN_BODIES_PROPERTY} sends those with a body through the
 * servlet layer and Javalin, as every request went before. The same request answers the same both ways: every byte
 * of the exchange (an interim 100 Continue included, header lines in order) but the date, the request id and the
 * values each server makes up (note ids, times, its port).
 */
class CoreRequestsTest {
    private static final int MB = 1024 * 1024;

    static Gatehouse core;
    static Gatehouse javalin;
    static Map<Gatehouse, SignedRequests.Key> keys = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        // A client that stops mid-body is answered when the connection has been silent this long.
        System.setProperty(GatewayServer.IDLE_TIMEOUT_PROPERTY, "3000");
        try {
            core = Gatehouse.builder().port(0).start();
            System.setProperty(GatewayServer.JAVALIN_BODIES_PROPERTY, "true");
            javalin = Gatehouse.builder().port(0).start();
        } finally {
            System.clearProperty(GatewayServer.JAVALIN_BODIES_PROPERTY);
            System.clearProperty(GatewayServer.IDLE_TIMEOUT_PROPERTY);
        }
        for (Gatehouse g : new Gatehouse[] {core, javalin}) {
            try (SignIn signIn = new SignIn(g.outputs(), g.baseUri(), Clock.systemUTC())) {
                SignIn.IdentityCredentials c = signIn.credentials(
                        signIn.srp("carol@example.com", "Passw0rd!carol").idToken());
                keys.put(g, new SignedRequests.Key(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
            }
        }
    }

    @AfterAll
    static void stop() {
        core.close();
        javalin.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /notes, 403",            // an IAM route, unsigned
            "GET, /notes/a%2Fb, 404",      // an encoded slash, as sent (no route takes it)
            "GET, /nowhere, 404",          // no route
            "DELETE, /notes/x, 403",
            "OPTIONS, /, 404",             // not a preflight (no Access-Control-Request-Method), no route
            "GET, /us-east-1_notthepool/.well-known/jwks.json, 404",
    })
    void a_request_answers_the_same_without_a_body_and_with_an_empty_chunked_one_through_javalin(
            String method, String path, int status) throws Exception {
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: core-test\r\n"
                + "Connection: close\r\n";
        String bodyless = exchange(core, (head + "\r\n").getBytes(StandardCharsets.US_ASCII), false);
        String chunked = exchange(javalin, (head + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), false);

        assertTrue(bodyless.startsWith("HTTP/1.1 " + status + " "), bodyless);
        assertTrue(bodyless.contains("\r\napigw-requestid: (id)\r\n"), bodyless);
        assertEquals(chunked, bodyless);
    }

    /** A request as bytes for one server (its port, its caller's keys). */
    private interface Request extends BiFunction<Integer, SignedRequests.Key, byte[]> {
    }

    static Stream<Arguments> requestsWithABody() {
        String cognito = "X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\n";
        String auth = "{\"ClientId\":\"nope\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{}}";
        return Stream.of(
                Arguments.of("unsigned POST, Content-Length", 403, raw("POST", "/notes",
                        "Content-Type: application/json\r\n", "{\"content\":\"one\"}")),
                Arguments.of("unsigned POST, chunked with a trailer", 403, chunked("POST", "/notes", "",
                        "5\r\n{\"con\r\n7\r\ntent\":1\r\n1\r\n}\r\n0\r\nX-Trailer: t\r\n\r\n")),
                Arguments.of("Cognito call", 400, raw("POST", "/", cognito, auth)),
                Arguments.of("Cognito call, chunked", 400, chunked("POST", "/", cognito,
                        Integer.toHexString(auth.length()) + "\r\n" + auth + "\r\n0\r\n\r\n")),
                Arguments.of("Cognito call, not JSON", 400, raw("POST", "/", cognito, "{x}")),
                Arguments.of("Cognito call from a browser", 400, raw("POST", "/",
                        "Origin: http://localhost:3000\r\n" + cognito, auth)),
                Arguments.of("a body on GET", 403, raw("GET", "/notes", "", "hello")),
                Arguments.of("a body on DELETE", 403, raw("DELETE", "/notes/x", "", "hello")),
                Arguments.of("a body on a preflight", 204, raw("OPTIONS", "/notes",
                        "Origin: http://localhost:3000\r\nAccess-Control-Request-Method: POST\r\n", "hello")),
                Arguments.of("a body on Cognito's preflight", 200, raw("OPTIONS", "/",
                        "Origin: http://localhost:3000\r\nAccess-Control-Request-Method: POST\r\n", "hello")),
                Arguments.of("no route", 404, raw("POST", "/nowhere", "", "hello")),
                Arguments.of("a body on a HTTP/1.0 request", 403, (Request) (port, key) ->
                        ascii("POST /notes HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello")),
                Arguments.of("three on one connection", 403, (Request) (port, key) -> ascii(
                        "POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}"
                        + "PUT /notes/x HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n0\r\n\r\n"
                        + "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + cognito + "Content-Length: " + auth.length()
                        + "\r\nConnection: close\r\n\r\n" + auth)),
                Arguments.of("Expect: 100-continue, body sent at once", 100, raw("POST", "/",
                        cognito + "Expect: 100-continue\r\n", auth)),
                Arguments.of("Expect: 100-Continue (its case changed), body sent at once", 100, raw("POST", "/",
                        cognito + "Expect: 100-Continue\r\n", auth)),
                Arguments.of("a broken chunk", 500, chunked("POST", "/notes", "", "zz\r\nhello\r\n0\r\n\r\n")),
                Arguments.of("a broken chunk, JSON wanted", 500, chunked("POST", "/notes", "Accept: application/json\r\n",
                        "zz\r\nhello\r\n0\r\n\r\n")),
                Arguments.of("signed POST", 200, signed("POST", "/notes", "{\"content\":\"signed\"}", 1, false)),
                Arguments.of("signed PUT", 404, signed("PUT", "/notes/n-1", "{\"content\":\"put\"}", 2, false)),
                Arguments.of("signed POST, chunked", 200, signed("POST", "/notes", "{\"content\":\"chunks\"}", 3, true)),
                Arguments.of("signed POST, not JSON", 400, signed("POST", "/notes", "not json", 4, false)),
                Arguments.of("signed POST, body changed after signing", 403, (Request) (port, key) -> {
                    WireRequest w = signedWire("POST", "/notes", "{\"content\":\"AAAA\"}", 5, port, key);
                    w.body = "{\"content\":\"BBBB\"}".getBytes(StandardCharsets.UTF_8);
                    return w.bytes();
                }),
                Arguments.of("10 MB + 1 byte (the API's own limit)", 413, big(10 * MB + 1, false)),
                Arguments.of("10 MB + 2 bytes (over Jetty's read)", 413, big(10 * MB + 2, false)),
                Arguments.of("16 MB chunked", 413, big(16 * MB, true)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("requestsWithABody")
    void a_request_with_a_body_answers_the_same_on_jettys_request_and_through_javalin(String name, int status,
                                                                                     Request request)
            throws Exception {
        String fromCore = exchange(core, request.apply(core.port(), keys.get(core)), false);
        String fromJavalin = exchange(javalin, request.apply(javalin.port(), keys.get(javalin)), false);

        assertTrue(fromCore.startsWith("HTTP/1.1 " + status + " "), fromCore);
        assertEquals(fromJavalin, fromCore);
    }

    /** The one known difference, which also shows that the second server does send bodies through Javalin. */
    @Test
    void a_body_on_an_unknown_method_gets_the_apis_404_as_without_a_body_where_javalin_had_its_own() throws Exception {
        byte[] request = raw("FOO", "/notes", "", "hello").apply(0, null);
        String fromCore = exchange(core, request, false);
        String fromJavalin = exchange(javalin, request, false);

        assertTrue(fromCore.startsWith("HTTP/1.1 404 "), fromCore);
        assertTrue(fromCore.endsWith("\r\n\r\n{\"message\":\"Not Found\"}"), fromCore);
        assertTrue(fromJavalin.endsWith("Endpoint FOO /notes not found"), fromJavalin);
    }

    @Test
    void a_client_waiting_for_100_continue_gets_it_then_the_same_answer() throws Exception {
        String[] answers = new String[2];
        Gatehouse[] both = {core, javalin};
        for (int i = 0; i < 2; i++) {
            String body = "{\"ClientId\":\"nope\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":{}}";
            try (Socket socket = connect(both[i])) {
                OutputStream out = socket.getOutputStream();
                out.write(ascii("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: "
                        + "AWSCognitoIdentityProviderService.InitiateAuth\r\nExpect: 100-continue\r\n"
                        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"));
                out.flush();
                byte[] interim = socket.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
                assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(interim, StandardCharsets.ISO_8859_1));
                out.write(ascii(body));
                out.flush();
                answers[i] = normalized(socket.getInputStream(), both[i]);
            }
        }
        assertTrue(answers[0].startsWith("HTTP/1.1 400 "), answers[0]);
        assertEquals(answers[1], answers[0]);
    }

    @Test
    void a_client_that_stops_mid_body_gets_the_same_answer() throws Exception {
        byte[] partial = ascii("POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"con");
        // stops sending until the idle timeout; then stops sending for good (its half of the connection closed)
        String silentCore = exchange(core, partial, false);
        String silentJavalin = exchange(javalin, partial, false);
        String goneCore = exchange(core, partial, true);
        String goneJavalin = exchange(javalin, partial, true);

        assertTrue(silentCore.startsWith("HTTP/1.1 408 "), silentCore);
        assertEquals(silentJavalin, silentCore);
        assertTrue(goneCore.startsWith("HTTP/1.1 500 "), goneCore);
        assertEquals(goneJavalin, goneCore);
    }

    @Test
    void an_upload_far_over_the_limit_is_read_up_to_the_drain_then_cut_off_on_both_paths() throws Exception {
        long size = 200L * MB;
        for (Gatehouse g : new Gatehouse[] {core, javalin}) {
            long sent = 0;
            try (Socket socket = connect(g)) {
                OutputStream out = socket.getOutputStream();
                out.write(ascii("POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + size
                        + "\r\nConnection: close\r\n\r\n"));
                byte[] block = new byte[MB];
                try {
                    for (; sent < size; sent += block.length) {
                        out.write(block);
                    }
                } catch (SocketException e) {
                    // cut off (the answer, sent before, may be lost with the reset)
                }
            }
            String path = g == core ? "core" : "javalin";
            assertTrue(sent < size, path + " read it all");
            assertTrue(sent >= 10L * MB + GatewayServer.MAX_DRAINED_BYTES - MB, path + " cut it off at " + sent);
        }
    }

    // --- requests

    private static Request raw(String method, String path, String headers, String body) {
        return (port, key) -> ascii(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                + body);
    }

    private static Request chunked(String method, String path, String headers, String chunks) {
        return (port, key) -> ascii(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks);
    }

    private static Request big(int size, boolean chunked) {
        return (port, key) -> {
            byte[] head = ascii("POST /notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + size)
                    + "\r\nConnection: close\r\n\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream(size + 4096);
            out.writeBytes(head);
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 'a');
            for (int sent = 0; sent < size; sent += block.length) {
                int n = Math.min(block.length, size - sent);
                if (chunked) {
                    out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
                }
                out.write(block, 0, n);
                if (chunked) {
                    out.writeBytes(ascii("\r\n"));
                }
            }
            if (chunked) {
                out.writeBytes(ascii("0\r\n\r\n"));
            }
            return out.toByteArray();
        };
    }

    private static Request signed(String method, String path, String body, int seed, boolean chunked) {
        return (port, key) -> {
            WireRequest w = signedWire(method, path, body, seed, port, key);
            if (!chunked) {
                return w.bytes();
            }
            StringBuilder head = new StringBuilder(method + " " + w.rawPath
                    + (w.rawQuery() == null ? "" : "?" + w.rawQuery()) + " HTTP/1.1\r\n");
            for (String[] h : w.headers) {
                head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            int half = w.body.length / 2;
            String b = new String(w.body, StandardCharsets.ISO_8859_1);
            head.append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .append(Integer.toHexString(half)).append("\r\n").append(b, 0, half).append("\r\n")
                    .append(Integer.toHexString(b.length() - half)).append("\r\n").append(b.substring(half))
                    .append("\r\n0\r\n\r\n");
            return head.toString().getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    private static WireRequest signedWire(String method, String path, String body, int seed, int port,
                                          SignedRequests.Key key) {
        return new SignedRequests(new Random(seed), "127.0.0.1", port)
                .sign(method, path, body.getBytes(StandardCharsets.UTF_8), key, Instant.now()).wire();
    }

    // --- exchanges

    private static Socket connect(Gatehouse g) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", g.port()), 5_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    /** Sends the bytes (then closes the sending half when asked), and reads everything until the server closes. */
    private static String exchange(Gatehouse g, byte[] request, boolean closeSending) throws IOException {
        try (Socket socket = connect(g)) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (closeSending) {
                    socket.shutdownOutput();
                }
            } catch (SocketException e) {
                // answered (413) and closed before everything was sent: read what it said
            }
            return normalized(socket.getInputStream(), g);
        }
    }

    /** The whole exchange as text, with the values only one server could give reduced to a placeholder. */
    private static String normalized(InputStream in, Gatehouse g) throws IOException {
        return RawHttp.readToClose(in)
                .replaceAll("(?im)^(date|apigw-requestid|x-amzn-requestid|x-amz-apigw-id): .*$", "$1: (id)")
                .replaceAll("\"(requestId|RequestId)\":\"[^\"]*\"", "\"$1\":\"(id)\"")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "(uuid)")
                .replaceAll("\"createdAt\":[0-9]+", "\"createdAt\":(time)")
                .replaceAll("(?i)(x-amz-date|X-Amz-Date)([:=] ?)[0-9TZ]+", "$1$2(time)")
                .replace(":" + g.port(), ":(port)");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
