package dev.gatehouse.benchmarks;

import dev.gatehouse.emulator.http.IncomingRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Requests signed by the AWS SDK v2 signer, as they arrive at Gatehouse. */
final class SignedRequests {
    private SignedRequests() {
    }

    static IncomingRequest post(String accessKeyId, String secret, String token, URI uri, byte[] body,
                                Instant signingTime) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/json").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create(accessKeyId, secret, token))
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, java.time.ZoneOffset.UTC)));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", uri.getHost() + ":" + uri.getPort()));
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> headers.add(Map.entry(name, v)));
            }
        });
        headers.add(Map.entry("Content-Length", String.valueOf(body.length)));
        return new IncomingRequest("POST", uri.getRawPath(), uri.getRawQuery(), headers, body, "127.0.0.1",
                "HTTP/1.1", signingTime);
    }
}
