package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the test suite's HTTP/1.1 request text (request line, headers with possibly folded continuation lines, blank
 * line, body) into the request as it would come off the wire: characters a client cannot send raw (space, non-ASCII)
 * are percent-encoded in the path and query, the rest is kept as written.
 */
final class HttpText {

    private HttpText() {
    }

    static IncomingRequest parse(String text, Instant receivedAt) {
        int headerEnd = text.indexOf("\n\n");
        String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
        String body = headerEnd < 0 ? "" : text.substring(headerEnd + 2);
        String[] lines = head.split("\n", -1);
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String protocol = requestLine.substring(requestLine.lastIndexOf(' ') + 1);
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
        int q = target.indexOf('?');
        String path = wire(q < 0 ? target : target.substring(0, q));
        String query = q < 0 ? null : wire(target.substring(q + 1));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && !headers.isEmpty()) {
                Map.Entry<String, String> last = headers.remove(headers.size() - 1);
                headers.add(new AbstractMap.SimpleEntry<>(last.getKey(), last.getValue() + "\n" + line));
                continue;
            }
            int colon = line.indexOf(':');
            headers.add(new AbstractMap.SimpleEntry<>(line.substring(0, colon), line.substring(colon + 1)));
        }
        return new IncomingRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1",
                protocol, receivedAt);
    }

    /** Percent-encodes what cannot travel raw in a request target: space, controls and non-ASCII. */
    static String wire(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7F) {
                out.append('%').append(String.format("%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
