package dev.gatehouse.contracts;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request signed first and sent afterwards, so a test can change what goes on the wire (method, path, query, a
 * header, the body) after the signature was made, as a proxy or a client bug would.
 */
final class SignedRequest {
    private static final RestAssuredConfig EXACT = RestAssuredConfig.config().encoderConfig(EncoderConfig
            .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    final String method;
    final String pathAndQuery;
    final Map<String, String> headers;
    final byte[] body;

    private SignedRequest(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        this.method = method;
        this.pathAndQuery = pathAndQuery;
        this.headers = headers;
        this.body = body;
    }

    /** Signs {@code method pathAndQuery} (relative to the API endpoint) with extra headers and an optional body. */
    static SignedRequest sign(SigV4Filter signer, String apiEndpoint, String method, String pathAndQuery,
                              Map<String, String> extraHeaders, String body) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(apiEndpoint.replaceAll("/+$", "") + pathAndQuery));
        extraHeaders.forEach(unsigned::putHeader);
        if (bytes != null) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        signer.sign(unsigned.build(), bytes).forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, values.get(0));
            }
        });
        return new SignedRequest(method, pathAndQuery, headers, bytes);
    }

    SignedRequest withMethod(String other) {
        return new SignedRequest(other, pathAndQuery, headers, body);
    }

    SignedRequest withPathAndQuery(String other) {
        return new SignedRequest(method, other, headers, body);
    }

    SignedRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        if (value != null) {
            h.put(name, value);
        }
        return new SignedRequest(method, pathAndQuery, h, body);
    }

    SignedRequest withBody(String other) {
        return new SignedRequest(method, pathAndQuery, headers, other.getBytes(StandardCharsets.UTF_8));
    }

    Response send(String apiEndpoint) {
        RequestSpecification spec = RestAssured.given().config(EXACT).urlEncodingEnabled(false)
                .baseUri(apiEndpoint).headers(headers);
        if (body != null) {
            spec.body(body);
        }
        return spec.request(method, pathAndQuery);
    }
}
