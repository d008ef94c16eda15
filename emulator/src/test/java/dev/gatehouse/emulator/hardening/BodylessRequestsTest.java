package dev.gatehouse.emulator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.gatehouse.emulator.Gatehouse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A request without a body is answered by the gateway's own Jetty handler, one with a body through Javalin
 * ({@code GatewayServer}): the same request answers the same either way (status, headers but the per-call ones, body).
 */
class BodylessRequestsTest {
    static Gatehouse gatehouse;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
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
    void a_request_answers_the_same_without_a_body_and_with_an_empty_chunked_one(String method, String path,
                                                                                 int status) throws Exception {
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + gatehouse.port()
                + "\r\nUser-Agent: bodyless-test\r\nConnection: close\r\n";
        RawHttp.Response bodyless = RawHttp.send(gatehouse.port(), (head + "\r\n").getBytes(StandardCharsets.US_ASCII));
        RawHttp.Response chunked = RawHttp.send(gatehouse.port(),
                (head + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

        assertEquals(status, bodyless.status());
        assertEquals(chunked.status(), bodyless.status());
        assertEquals(chunked.body(), bodyless.body());
        assertEquals(comparable(chunked.headers()), comparable(bodyless.headers()));
        assertNotNull(bodyless.header("apigw-requestid"));
        assertEquals(String.valueOf(bodyless.body().getBytes(StandardCharsets.UTF_8).length),
                bodyless.header("Content-Length"));
    }

    /** The headers with the per-call values (date, request id) reduced to their presence. */
    private static Map<String, String> comparable(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.replaceAll((name, value) -> name.equals("date") || name.equals("apigw-requestid")
                || name.equals("x-amzn-requestid") ? "(present)" : value);
        return out;
    }
}
