package dev.gatehouse.emulator.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;

/**
 * One HTTP exchange with Gatehouse itself during its start (the ready check, the class-data training's sign-in), over
 * {@link HttpURLConnection} with no proxy, not {@code java.net.http.HttpClient}: building one sets up the JDK's default
 * TLS context (its trust store read and parsed) even for {@code http://}, ~0.1 CPU-s of a start.
 */
public final class PlainHttp {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private PlainHttp() {
    }

    /**
     * Sends {@code method uri} with {@code headers} and {@code body} (none when null), reads the answer to its end and
     * returns its status.
     */
    public static int exchange(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        try {
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            c.setUseCaches(false);
            c.setInstanceFollowRedirects(false);
            c.setRequestMethod(method);
            headers.forEach(c::setRequestProperty);
            if (body != null) {
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            InputStream answer = status >= 400 ? c.getErrorStream() : c.getInputStream();
            if (answer != null) {
                try (answer) {
                    answer.transferTo(OutputStream.nullOutputStream());
                }
            }
            return status;
        } finally {
            c.disconnect();
        }
    }
}
