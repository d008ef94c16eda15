package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests signed by the real AWS SDK v2 signer (execute-api, us-east-1) verify, in header and query form. */
class SdkRoundTripTest {

    private final SigV4Verifier verifier = SdkSigning.verifier(Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC));

    private Verdict.Accepted accepted(SdkSigning.Call call) {
        Verdict verdict = verifier.verify(call.incoming());
        return assertInstanceOf(Verdict.Accepted.class, verdict, verdict::toString);
    }

    private static SdkSigning.Call call(boolean queryAuth) {
        SdkSigning.Call call = new SdkSigning.Call();
        call.queryAuth = queryAuth;
        return call;
    }

    @ParameterizedTest(name = "query auth: {0}")
    @ValueSource(booleans = {false, true})
    void plain_get_is_accepted_with_the_signing_credentials(boolean queryAuth) {
        Verdict.Accepted accepted = accepted(call(queryAuth));
        assertEquals(SdkSigning.TEMPORARY, accepted.credentials());
        assertEquals(queryAuth ? AuthLocation.QUERY_STRING : AuthLocation.HEADER, accepted.declared().location());
        assertTrue(accepted.declared().signedHeaders().contains("host"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/notes/a%20b", "/notes/%E1%88%B4/caf%C3%A9", "/notes/a%2Fb", "/notes/./x/../y",
            "/notes//double//slash", "/notes/a%2Bb%3Dc%26d", "/notes/-._~", "", "/"})
    void odd_paths_are_accepted(String path) {
        accepted(call(false).path(path));
        accepted(call(true).path(path));
    }

    @ParameterizedTest(name = "query auth: {0}")
    @ValueSource(booleans = {false, true})
    void repeated_unsorted_and_valueless_query_parameters_are_accepted(boolean queryAuth) {
        SdkSigning.Call c = call(queryAuth).query("z", "last").query("a", "2").query("a", "1").query("flag", "")
                .query("sp ace", "v a+l/ue").query("ünï", "çødé");
        accepted(c);
    }

    @ParameterizedTest(name = "query auth: {0}")
    @ValueSource(booleans = {false, true})
    void query_sent_in_another_order_is_accepted(boolean queryAuth) {
        SdkSigning.Call c = call(queryAuth).query("b", "2").query("a", "1").query("c", "3");
        IncomingRequest r = c.incoming();
        List<String> parts = new ArrayList<>(List.of(r.rawQuery().split("&")));
        Collections.reverse(parts);
        IncomingRequest reordered = SdkSigning.with(r, r.method(), r.rawPath(), String.join("&", parts), r.headers(),
                r.body());
        assertInstanceOf(Verdict.Accepted.class, verifier.verify(reordered));
    }

    @ParameterizedTest(name = "body of {0} bytes")
    @ValueSource(ints = {0, 1, 1024, 1024 * 1024})
    void bodies_are_accepted(int size) {
        byte[] body = new byte[size];
        new Random(size).nextBytes(body);
        accepted(call(false).method("POST").header("Content-Type", "application/octet-stream").body(body));
        accepted(call(true).method("PUT").body(body));
    }

    @ParameterizedTest(name = "query auth: {0}")
    @ValueSource(booleans = {false, true})
    void json_body_with_extra_headers_is_accepted(boolean queryAuth) {
        byte[] body = "{\"content\":\"hello world\",\"attachment\":null}".getBytes(StandardCharsets.UTF_8);
        accepted(call(queryAuth).method("POST").header("Content-Type", "application/json")
                .header("X-Custom", "  spaced   value ").header("x-amz-meta-note", "a").body(body));
    }

    @ParameterizedTest(name = "query auth: {0}")
    @ValueSource(booleans = {false, true})
    void long_term_credentials_without_token_are_accepted(boolean queryAuth) {
        SdkSigning.Call c = call(queryAuth);
        c.credentials = SdkSigning.LONG_TERM;
        assertEquals(SdkSigning.LONG_TERM, accepted(c).credentials());
    }
}
