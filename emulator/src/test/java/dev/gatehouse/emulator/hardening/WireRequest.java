package dev.gatehouse.emulator.hardening;

import dev.gatehouse.emulator.http.IncomingRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request as bytes on the wire, editable: method, raw path, raw query parameters (as sent, still encoded), header
 * lines in order, body. Mutations edit a copy; {@link #incoming} gives what the verifier sees, {@link #bytes} what a
 * raw socket sends.
 */
final class WireRequest {
    String method;
    String rawPath;
    /** {name, value} as sent; value null for a parameter without '='; null list entry never. Null list: no '?'. */
    List<String[]> query;
    final List<String[]> headers = new ArrayList<>();
    byte[] body;

    WireRequest(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers, byte[] body) {
        this.method = method;
        this.rawPath = rawPath;
        this.query = rawQuery == null ? null : parseQuery(rawQuery);
        headers.forEach(h -> this.headers.add(new String[] {h.getKey(), h.getValue()}));
        this.body = body;
    }

    WireRequest copy() {
        WireRequest c = new WireRequest(method, rawPath, rawQuery(), List.of(), body.clone());
        headers.forEach(h -> c.headers.add(h.clone()));
        return c;
    }

    String rawQuery() {
        if (query == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String[] p : query) {
            parts.add(p[1] == null ? p[0] : p[0] + "=" + p[1]);
        }
        return String.join("&", parts);
    }

    private static List<String[]> parseQuery(String raw) {
        List<String[]> params = new ArrayList<>();
        if (raw.isEmpty()) {
            return params;
        }
        for (String part : raw.split("&", -1)) {
            int eq = part.indexOf('=');
            params.add(eq < 0 ? new String[] {part, null} : new String[] {part.substring(0, eq), part.substring(eq + 1)});
        }
        return params;
    }

    String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    void setHeader(String name, String value) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                h[1] = value;
                return;
            }
        }
        headers.add(new String[] {name, value});
    }

    void removeHeader(String name) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
    }

    String queryValue(String name) {
        if (query != null) {
            for (String[] p : query) {
                if (p[0].equals(name)) {
                    return p[1];
                }
            }
        }
        return null;
    }

    void setQueryValue(String name, String value) {
        for (String[] p : query) {
            if (p[0].equals(name)) {
                p[1] = value;
                return;
            }
        }
        query.add(new String[] {name, value});
    }

    IncomingRequest incoming(Instant receivedAt) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        headers.forEach(h -> list.add(new AbstractMap.SimpleImmutableEntry<>(h[0], h[1])));
        return new IncomingRequest(method, rawPath, rawQuery(), list, body, "127.0.0.1", "HTTP/1.1", receivedAt);
    }

    /** HTTP/1.1 bytes, exactly these header lines plus Content-Length (when a body is sent) and Connection: close. */
    byte[] bytes() {
        StringBuilder head = new StringBuilder();
        String q = rawQuery();
        head.append(method).append(' ').append(rawPath).append(q == null ? "" : "?" + q).append(" HTTP/1.1\r\n");
        for (String[] h : headers) {
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (body.length > 0 || !method.equals("GET") && !method.equals("DELETE")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(method).append(' ').append(rawPath);
        if (query != null) {
            s.append('?').append(rawQuery());
        }
        headers.forEach(h -> s.append("\n  ").append(h[0]).append(": ").append(h[1]));
        return s.append("\n  [body ").append(body.length).append(" bytes]").toString();
    }
}
