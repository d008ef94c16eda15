package dev.gatehouse.emulator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A request exactly as it goes on the wire (after signing), changeable before it is sent, e.g. to tamper with it. */
record Wire(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body) {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    Wire method(String newMethod) {
        return new Wire(newMethod, uri, headers, body);
    }

    Wire pathAndQuery(String newPathAndQuery) {
        return new Wire(method, URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + newPathAndQuery),
                headers, body);
    }

    Wire body(String text) {
        return new Wire(method, uri, headers, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces every header of that name by one with this value (none when null). */
    Wire header(String name, String value) {
        List<Map.Entry<String, String>> changed = new ArrayList<>();
        headers.stream().filter(h -> !h.getKey().equalsIgnoreCase(name)).forEach(changed::add);
        if (value != null) {
            changed.add(new AbstractMap.SimpleEntry<>(name, value));
        }
        return new Wire(method, uri, changed, body);
    }

    /** Adds a header (after signing, so it is not among the signed ones). */
    Wire addHeader(String name, String value) {
        List<Map.Entry<String, String>> changed = new ArrayList<>(headers);
        changed.add(new AbstractMap.SimpleEntry<>(name, value));
        return new Wire(method, uri, changed, body);
    }

    String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    Reply send() {
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        // java.net.http writes the Host itself, from the URI: the same value the signer signed
        headers.stream().filter(h -> !h.getKey().equalsIgnoreCase("host"))
                .forEach(h -> http.header(h.getKey(), h.getValue()));
        try {
            HttpResponse<String> r = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What came back. */
    record Reply(int status, String body, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String requestId() {
            return header("apigw-requestid");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body + " reason=" + header("X-Gatehouse-Reason");
        }
    }
}
