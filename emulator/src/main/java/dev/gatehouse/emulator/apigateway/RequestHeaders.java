package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.http.IncomingRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The event's {@code headers} and {@code cookies}, as API Gateway hands them on: names lower-cased, repeated headers
 * joined with {@code ,}; every {@code Cookie} header split into {@code cookies} and left out of {@code headers}; the
 * hop-by-hop headers of the client's connection dropped; {@code host} the API's domain name and the
 * {@code x-forwarded-*} and {@code x-amzn-trace-id} headers API Gateway adds (its clients reach it over HTTPS on 443,
 * so the handler sees what it would see on AWS, not the local connection).
 */
record RequestHeaders(Map<String, String> values, List<String> cookies) {

    /** Headers of one connection, not of the request: API Gateway does not pass them to the integration. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade");

    static RequestHeaders of(IncomingRequest request, String domainName) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String cookie : h.getValue().split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.strip());
                    }
                }
            } else if (!HOP_BY_HOP.contains(name)) {
                values.merge(name, h.getValue(), (a, b) -> a + "," + b);
            }
        }
        values.put("host", domainName);
        String forwardedFor = values.get("x-forwarded-for");
        values.put("x-forwarded-for", forwardedFor == null ? request.sourceIp() : forwardedFor + ", " + request.sourceIp());
        values.put("x-forwarded-port", "443");
        values.put("x-forwarded-proto", "https");
        values.putIfAbsent("x-amzn-trace-id", RequestIds.newTraceId(request.receivedAt()));
        return new RequestHeaders(Collections.unmodifiableMap(values), List.copyOf(cookies));
    }
}
