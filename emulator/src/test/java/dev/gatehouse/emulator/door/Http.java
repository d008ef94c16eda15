package dev.gatehouse.emulator.door;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One HTTP/1.1 request as raw bytes on loopback: the Host, Origin and headers exactly as an attacker's page sends. */
final class Http {
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private Http() {
    }

    /** {@code requestLine} is e.g. {@code GET /_gatehouse/outputs}; {@code host} null sends no Host header. */
    static Response send(int port, String requestLine, String host, List<String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder r = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
        if (host != null) {
            r.append("Host: ").append(host).append("\r\n");
        }
        headers.forEach(h -> r.append(h).append("\r\n"));
        r.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(r.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * The status of the answer to a GET, read from its status line only (the connection is then closed): for an
     * endpoint that, once let in, streams without end ({@code requests/stream}).
     */
    static int status(int port, String path, String host, List<String> headers) throws IOException {
        StringBuilder r = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\n");
        headers.forEach(h -> r.append(h).append("\r\n"));
        r.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(r.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            byte[] line = socket.getInputStream().readNBytes(12);
            String text = new String(line, StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/1.1 ")) {
                throw new IOException("not an HTTP response: " + text);
            }
            return Integer.parseInt(text.substring(9, 12));
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new IOException("not an HTTP response: " + text);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] raw = all.toByteArray();
        return new Response(Integer.parseInt(lines[0].substring(9, 12)), headers,
                new String(raw, headEnd + 4, raw.length - headEnd - 4, StandardCharsets.UTF_8));
    }
}
