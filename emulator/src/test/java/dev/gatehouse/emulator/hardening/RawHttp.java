package dev.gatehouse.emulator.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Exact bytes over a plain socket, so nothing is normalized on the way: one request per connection. */
final class RawHttp {

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    static Response send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException e) {
                // The server may answer (e.g. 413, 431) and close before reading everything: read what it said.
            }
            return read(socket.getInputStream());
        }
    }

    /**
     * Everything the server sends until it closes the connection, as ISO-8859-1 text; a reset after some bytes ends
     * it (what was said before is kept), a reset before any is thrown.
     */
    static String readToClose(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                all.write(buf, 0, n);
            }
        } catch (SocketException e) {
            if (all.size() == 0) {
                throw e;
            }
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads one response until the server closes the connection (requests say Connection: close). */
    static Response read(InputStream in) throws IOException {
        String text = readToClose(in);
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
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1); // the bytes as received: one char per byte
        String body = new String(bytes, headEnd + 4, bytes.length - headEnd - 4, StandardCharsets.UTF_8);
        return new Response(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
    }
}
