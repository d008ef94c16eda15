package dev.gatehouse.examples.notesweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What Cognito would have sent an address, read as a user reads it: {@code GET /_gatehouse/messages?to=EMAIL}. */
final class Messages {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    /** The newest code of that kind ({@code SIGN_UP}, {@code FORGOT_PASSWORD}, {@code VERIFY_ATTRIBUTE}, ...). */
    static String latestCode(Gatehouse gatehouse, String to, String kind) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatehouse.baseUri() + "/_gatehouse/messages?to="
                        + URLEncoder.encode(to, StandardCharsets.UTF_8)))
                .header("X-Gatehouse-Token", adminToken(gatehouse)).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "GET /_gatehouse/messages: " + r.body());
        for (JsonNode message : JSON.readTree(r.body())) {
            if (kind.equals(message.path("kind").asText())) {
                return message.path("code").asText();
            }
        }
        throw new AssertionError("no " + kind + " message for " + to + ": " + r.body());
    }

    static String adminToken(Gatehouse gatehouse) {
        return gatehouse.adminToken();
    }
}
