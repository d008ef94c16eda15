package dev.gatehouse.emulator;

import dev.gatehouse.emulator.client.AdminToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;

/**
 * The ready line is printed only when the endpoints a first call needs answer (the user pool's keys, the admin door
 * with the fixture users): checked over real HTTP, as a client would. DynamoDB, the tables and the functions come
 * after it ({@link Backend}).
 *
 * <p>With {@link HttpURLConnection} (no proxy), not {@code java.net.http.HttpClient}: building one sets up the JDK's
 * default TLS context (its trust store read and parsed) even for {@code http://}, ~0.1 CPU-s of a start.
 */
final class ReadyCheck {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private ReadyCheck() {
    }

    static void awaitFirstCalls(URI baseUri, String userPoolId, AdminToken token) {
        expect200(baseUri.resolve("/" + userPoolId + "/.well-known/jwks.json"), null, null);
        expect200(baseUri.resolve("/_gatehouse/users"), AdminToken.HEADER, token.value());
    }

    private static void expect200(URI uri, String header, String value) {
        int status = get(uri, header, value);
        if (status != 200) {
            throw new IllegalStateException(uri + " answered " + status + " at start-up");
        }
    }

    private static int get(URI uri, String header, String value) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            try {
                c.setConnectTimeout(CONNECT_TIMEOUT_MS);
                c.setReadTimeout(READ_TIMEOUT_MS);
                c.setUseCaches(false);
                c.setInstanceFollowRedirects(false);
                if (header != null) {
                    c.setRequestProperty(header, value);
                }
                int status = c.getResponseCode();
                InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
                if (body != null) {
                    try (body) {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                }
                return status;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            throw new IllegalStateException(uri + " does not answer at start-up: " + e.getMessage(), e);
        }
    }
}
