package dev.gatehouse.emulator;

import dev.gatehouse.emulator.client.AdminToken;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The ready line is printed only when the endpoints a first call needs answer (the user pool's keys, the admin door
 * with the fixture users): checked over real HTTP, as a client would. DynamoDB, the tables and the functions come
 * after it ({@link Backend}).
 */
final class ReadyCheck {
    private ReadyCheck() {
    }

    static void awaitFirstCalls(URI baseUri, String userPoolId, AdminToken token) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        expect200(http, HttpRequest.newBuilder(baseUri.resolve("/" + userPoolId + "/.well-known/jwks.json")));
        expect200(http, HttpRequest.newBuilder(baseUri.resolve("/_gatehouse/users"))
                .header(AdminToken.HEADER, token.value()));
    }

    private static void expect200(HttpClient http, HttpRequest.Builder request) {
        URI uri = request.build().uri();
        int status = get(http, request);
        if (status != 200) {
            throw new IllegalStateException(uri + " answered " + status + " at start-up");
        }
    }

    private static int get(HttpClient http, HttpRequest.Builder request) {
        URI uri = request.build().uri();
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(uri + " does not answer at start-up: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting");
        }
    }
}
