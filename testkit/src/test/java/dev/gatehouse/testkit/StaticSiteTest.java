package dev.gatehouse.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticSiteTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serves_the_folder_on_loopback_with_content_types(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("index.html"), "<p>home</p>");
        Files.createDirectories(folder.resolve("js"));
        Files.writeString(folder.resolve("js/app.js"), "console.log(1)");
        try (StaticSite site = StaticSite.serve(folder)) {
            assertTrue(site.origin().startsWith("http://127.0.0.1:"));
            HttpResponse<String> home = get(site.origin() + "/");
            assertEquals(200, home.statusCode());
            assertEquals("<p>home</p>", home.body());
            assertEquals("text/html; charset=utf-8", home.headers().firstValue("Content-Type").orElseThrow());
            HttpResponse<String> js = get(site.url("js/app.js"));
            assertEquals("console.log(1)", js.body());
            assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElseThrow());
        }
    }

    @Test
    void a_file_written_after_start_is_served(@TempDir Path folder) throws Exception {
        try (StaticSite site = StaticSite.serve(folder)) {
            assertEquals(404, get(site.url("config.json")).statusCode());
            Files.writeString(folder.resolve("config.json"), "{\"a\":1}");
            HttpResponse<String> config = get(site.url("config.json"));
            assertEquals(200, config.statusCode());
            assertEquals("{\"a\":1}", config.body());
        }
    }

    @Test
    void nothing_outside_the_folder_is_served(@TempDir Path parent) throws Exception {
        Path folder = Files.createDirectories(parent.resolve("site"));
        Files.writeString(parent.resolve("secret.txt"), "secret");
        try (StaticSite site = StaticSite.serve(folder)) {
            String status = rawGet(site, "/../secret.txt");
            assertTrue(status.startsWith("HTTP/1.1 404"), status);
            String encoded = rawGet(site, "/%2e%2e/secret.txt");
            assertTrue(encoded.startsWith("HTTP/1.1 404"), encoded);
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request line sent as written (java.net.http would normalize the dot segments away). */
    private static String rawGet(StaticSite site, String path) throws IOException {
        URI origin = URI.create(site.origin());
        try (Socket socket = new Socket(origin.getHost(), origin.getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
