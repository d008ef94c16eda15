package dev.gatehouse.emulator;

import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.dynamodb.DynamoDbLocal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The ready line is printed only when every endpoint answers: checked over real HTTP, as a client would. */
final class ReadyCheck {
    private ReadyCheck() {
    }

    static void awaitEveryEndpoint(URI baseUri, Outputs outputs, DynamoDbLocal db, AdminToken token) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        expect200(http, HttpRequest.newBuilder(baseUri.resolve("/_gatehouse/outputs"))
                .header(AdminToken.HEADER, token.value()));
        expect200(http, HttpRequest.newBuilder(baseUri.resolve("/" + outputs.userPoolId() + "/.well-known/jwks.json")));
        expectAnswer(http, db.endpoint());
    }

    private static void expect200(HttpClient http, HttpRequest.Builder request) {
        URI uri = request.build().uri();
        int status = get(http, request);
        if (status != 200) {
            throw new IllegalStateException(uri + " answered " + status + " at start-up");
        }
    }

    private static void expectAnswer(HttpClient http, URI uri) {
        get(http, HttpRequest.newBuilder(uri));
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
