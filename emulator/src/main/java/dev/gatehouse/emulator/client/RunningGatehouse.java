package dev.gatehouse.emulator.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a client on the same machine reads from a Gatehouse running at a URL, through its admin door (the token found
 * as {@link AdminToken#find} says): the stack outputs and the developer's keys.
 */
public final class RunningGatehouse {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningGatehouse() {
    }

    /** {@code GET /_gatehouse/outputs}. */
    public static Outputs outputs(URI baseUri) {
        return JSON.convertValue(get(baseUri, "outputs"), Outputs.class);
    }

    /** {@code GET /_gatehouse/credentials/developer}: the developer's long-term keys this Gatehouse uses. */
    public static GatehouseConfig.Developer developer(URI baseUri) {
        JsonNode d = get(baseUri, "credentials/developer");
        return new GatehouseConfig.Developer(d.path("userName").asText(), d.path("iamUserId").asText(),
                d.path("accessKeyId").asText(), d.path("secretAccessKey").asText());
    }

    private static JsonNode get(URI baseUri, String what) {
        URI uri = URI.create(baseUri.toString().replaceAll("/+$", "") + "/_gatehouse/" + what);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        var token = AdminToken.find(baseUri);
        token.ifPresent(t -> request.header(AdminToken.HEADER, t));
        try {
            HttpResponse<String> reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() == 401 && token.isEmpty()) {
                throw new IllegalStateException(AdminToken.notFound(baseUri));
            }
            if (reply.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + reply.statusCode() + ": " + reply.body());
            }
            return JSON.readTree(reply.body());
        } catch (ConnectException e) {
            throw new IllegalStateException("no Gatehouse answers at " + baseUri, e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
