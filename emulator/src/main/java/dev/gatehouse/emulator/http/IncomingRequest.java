package dev.gatehouse.emulator.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request exactly as it came off the wire, before any decoding: what the SigV4 verifier checks and what the
 * payload 2.0 event is built from.
 *
 * @param method     as sent, e.g. {@code GET}
 * @param rawPath    the path as sent, still percent-encoded, without the query (e.g. {@code /notes/a%20b})
 * @param rawQuery   the query as sent, without the {@code ?}; {@code null} when the request line has no {@code ?}
 * @param headers    every header line in arrival order, names as sent (a repeated header is repeated here)
 * @param body       the body bytes as received (empty, never null)
 * @param sourceIp   the client's address
 * @param protocol   e.g. {@code HTTP/1.1}
 * @param receivedAt when the request arrived, by Gatehouse's clock (the time that ages tokens and credentials)
 * @param signatureTime when it arrived by the signature clock (real time, or a simulated client skew): what its
 *                      signature date was compared with
 */
public record IncomingRequest(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
                              byte[] body, String sourceIp, String protocol, Instant receivedAt, Instant signatureTime) {

    public IncomingRequest {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
        signatureTime = signatureTime == null ? receivedAt : signatureTime;
    }

    /** A request whose signature time is its arrival time. */
    public IncomingRequest(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
                           byte[] body, String sourceIp, String protocol, Instant receivedAt) {
        this(method, rawPath, rawQuery, headers, body, sourceIp, protocol, receivedAt, receivedAt);
    }

    /** All values of a header, case-insensitively by name, in arrival order. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    public boolean hasHeader(String name) {
        return header(name) != null;
    }

    public String methodUpper() {
        return method.toUpperCase(Locale.ROOT);
    }
}
