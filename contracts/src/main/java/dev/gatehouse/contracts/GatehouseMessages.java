package dev.gatehouse.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.cognito.userpool.Outbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Reads a running Gatehouse's outbox: {@code GET /_gatehouse/messages?to=EMAIL}. */
final class GatehouseMessages {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatehouseMessages() {
    }

    static List<Outbox.Message> read(URI baseUri, String email) {
        URI uri = URI.create(baseUri.toString().replaceAll("/+$", "") + "/_gatehouse/messages?to="
                + URLEncoder.encode(email, StandardCharsets.UTF_8));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
            // The admin token as the CLI finds it (GATEHOUSE_ADMIN_TOKEN, else ~/.gatehouse/run/<port>.token).
            AdminToken.find(baseUri).ifPresent(token -> request.header(AdminToken.HEADER, token));
            HttpResponse<String> reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + reply.statusCode() + ": " + reply.body());
            }
            return List.of(JSON.readValue(reply.body(), Outbox.Message[].class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
