package dev.gatehouse.emulator.e2e;

import dev.gatehouse.emulator.client.SignIn;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One API call as a client makes it: built, signed by the real AWS SDK v2 signer (service {@code execute-api}, payload
 * signing on, like {@code SignedCall}), then turned into the {@link Wire} request, which a test may tamper with.
 */
final class ApiCall {
    private final URI base;
    private final String method;
    private final String pathAndQuery;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private String accessKeyId;
    private String secretAccessKey;
    private String sessionToken;
    private String region = "us-east-1";
    private String service = "execute-api";
    private Clock signingClock = Clock.systemUTC();

    private ApiCall(URI base, String method, String pathAndQuery) {
        this.base = base;
        this.method = method;
        this.pathAndQuery = pathAndQuery;
    }

    static ApiCall of(URI base, String method, String pathAndQuery) {
        return new ApiCall(base, method, pathAndQuery);
    }

    ApiCall json(String json) {
        header("Content-Type", "application/json");
        return body(json.getBytes(StandardCharsets.UTF_8));
    }

    ApiCall body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    ApiCall header(String name, String value) {
        headers.add(new AbstractMap.SimpleEntry<>(name, value));
        return this;
    }

    ApiCall as(SignIn.IdentityCredentials c) {
        return keys(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    /** The keys to sign with; a null token signs without {@code x-amz-security-token}. */
    ApiCall keys(String accessKeyId, String secretAccessKey, String sessionToken) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        return this;
    }

    ApiCall region(String region) {
        this.region = region;
        return this;
    }

    ApiCall service(String service) {
        this.service = service;
        return this;
    }

    /** Signs as if the client's clock were off by {@code skew}. */
    ApiCall clockSkew(Duration skew) {
        this.signingClock = Clock.offset(Clock.systemUTC(), skew);
        return this;
    }

    Wire unsigned() {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        return new Wire(method, uri(), all, body);
    }

    Wire signed() {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri());
        headers.forEach(h -> unsigned.appendHeader(h.getKey(), h.getValue()));
        AwsCredentialsIdentity identity = sessionToken == null
                ? AwsCredentialsIdentity.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, sessionToken);
        byte[] payload = body;
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(unsigned.build())
                .payload(payload.length == 0 ? null : ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, signingClock)).request();
        List<Map.Entry<String, String>> wireHeaders = new ArrayList<>();
        signed.forEachHeader((name, values) -> values.forEach(v ->
                wireHeaders.add(new AbstractMap.SimpleEntry<>(name, v))));
        return new Wire(method, signed.getUri(), wireHeaders, body);
    }

    private URI uri() {
        return URI.create(base.toString().replaceAll("/+$", "") + pathAndQuery);
    }
}
