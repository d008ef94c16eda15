package dev.gatehouse.emulator;

import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.http.PlainHttp;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The ready line is printed only when the endpoints a first call needs answer (the user pool's keys, the admin door
 * with the fixture users): checked over real HTTP, as a client would ({@link PlainHttp}). DynamoDB, the tables and the
 * functions come after it ({@link Backend}).
 */
final class ReadyCheck {
    private ReadyCheck() {
    }

    static void awaitFirstCalls(URI baseUri, String userPoolId, AdminToken token) {
        expect200(baseUri.resolve("/" + userPoolId + "/.well-known/jwks.json"), Map.of());
        expect200(baseUri.resolve("/_gatehouse/users"), Map.of(AdminToken.HEADER, token.value()));
    }

    private static void expect200(URI uri, Map<String, String> headers) {
        int status;
        try {
            status = PlainHttp.exchange("GET", uri, headers, null);
        } catch (IOException e) {
            throw new IllegalStateException(uri + " does not answer at start-up: " + e.getMessage(), e);
        }
        if (status != 200) {
            throw new IllegalStateException(uri + " answered " + status + " at start-up");
        }
    }
}
