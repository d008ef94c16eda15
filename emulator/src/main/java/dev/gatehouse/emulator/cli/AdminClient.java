package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.client.AdminToken;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls a running Gatehouse's {@code /_gatehouse/*} endpoints and reads their JSON, with the admin token found as
 * {@link AdminToken#find} says (the environment, else the token file of the endpoint's port): no typing.
 */
final class AdminClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;
    private final Optional<String> token;

    AdminClient(URI endpoint) {
        this.endpoint = endpoint;
        this.token = AdminToken.find(endpoint);
    }

    /** The answer of a GET; throws with the server's message unless it is 2xx. */
    JsonNode get(String pathAndQuery) {
        return send(withToken(HttpRequest.newBuilder(uri(pathAndQuery)).GET()));
    }

    JsonNode post(String pathAndQuery, String jsonBody) {
        return send(withToken(HttpRequest.newBuilder(uri(pathAndQuery)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody == null ? "" : jsonBody))));
    }

    private HttpRequest.Builder withToken(HttpRequest.Builder request) {
        token.ifPresent(t -> request.header(AdminToken.HEADER, t));
        return request;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String pathAndQuery) {
        return URI.create(endpoint.toString().replaceAll("/+$", "") + "/_gatehouse/" + pathAndQuery);
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest r = request.timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(r.uri() + " answered " + response.statusCode()
                        + " with no JSON: is this a Gatehouse?");
            }
            if (response.statusCode() == 401 && token.isEmpty()) {
                throw new IllegalStateException(AdminToken.notFound(endpoint));
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(body != null && body.has("message") ? body.get("message").asText()
                        : r.uri() + " answered " + response.statusCode());
            }
            return body;
        } catch (ConnectException e) {
            throw new IllegalStateException("no Gatehouse answers at " + endpoint
                    + " (start one with ./gatehouse start, or pass --endpoint URL)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + r.uri() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
