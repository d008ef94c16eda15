package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Signs requests with the real AWS SDK v2 signer and turns them into what would arrive on the wire. */
final class SdkSigning {

    static final String HOST = "localhost:4566";
    static final Instant NOW = Instant.parse("2026-03-14T15:09:26Z");

    static final Credentials TEMPORARY = new Credentials("ASIAGATEHOUSEEXAMPLE", "tEmPoRaRySeCrEt/K7MDENG+bPxRfiCYEXAMPLE",
            "IQoJb3JpZ2luX2VjEXAMPLE//session+token/==", NOW.plusSeconds(3600),
            new Principal.AssumedRole("123456789012", "notes-auth-role", "AROAEXAMPLEROLEID",
                    new CognitoIdentity("us-east-1:1f2e3d4c-0000-4000-8000-000000000001",
                            "us-east-1:aaaaaaaa-0000-4000-8000-000000000000",
                            "cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE", "sub-1")));

    static final Credentials LONG_TERM = new Credentials("AKIAGATEHOUSEDEVELOPER", "dEvElOpErSeCrEt/EXAMPLEKEY", null, null,
            new Principal.IamUser("123456789012", "developer", "AIDAEXAMPLEDEVELOPER"));

    private SdkSigning() {
    }

    static Optional<Credentials> lookup(String accessKeyId) {
        if (accessKeyId.equals(TEMPORARY.accessKeyId())) {
            return Optional.of(TEMPORARY);
        }
        return accessKeyId.equals(LONG_TERM.accessKeyId()) ? Optional.of(LONG_TERM) : Optional.empty();
    }

    static SigV4Verifier verifier(Clock clock) {
        return SigV4Verifier.executeApi(SdkSigning::lookup, clock, "us-east-1");
    }

    /** A request to sign: the path as the SDK would send it (encoded once), decoded query parameters, headers, body. */
    static final class Call {
        String method = "GET";
        String encodedPath = "/notes";
        final List<String[]> query = new ArrayList<>();
        final List<String[]> headers = new ArrayList<>();
        byte[] body = new byte[0];
        Credentials credentials = TEMPORARY;
        String region = "us-east-1";
        String service = "execute-api";
        boolean queryAuth;
        Instant signedAt = NOW;
        boolean payloadSigning = true;
        String protocol = "http";
        String host = "localhost";
        int port = 4566;
        boolean doubleEncode = true;
        boolean normalize = true;
        boolean sendToken = true;
        java.time.Duration expiration;

        Call method(String m) {
            method = m;
            return this;
        }

        Call path(String p) {
            encodedPath = p;
            return this;
        }

        Call query(String name, String value) {
            query.add(new String[] {name, value});
            return this;
        }

        Call header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Call body(byte[] b) {
            body = b;
            return this;
        }

        SdkHttpRequest sdkRequest() {
            SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                    .protocol(protocol).host(host).port(port).encodedPath(encodedPath);
            for (String[] q : query) {
                b.appendRawQueryParameter(q[0], q[1]);
            }
            for (String[] h : headers) {
                b.appendHeader(h[0], h[1]);
            }
            return b.build();
        }

        SdkHttpRequest signed() {
            byte[] payload = body;
            Credentials c = credentials;
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
                r.identity(c.sessionToken() == null || !sendToken
                                ? AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey())
                                : AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))
                        .request(sdkRequest())
                        .payload(() -> new ByteArrayInputStream(payload))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
                        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, doubleEncode)
                        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, normalize)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, java.time.ZoneOffset.UTC));
                if (expiration != null) {
                    r.putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiration);
                } else if (queryAuth) {
                    // A presigned URL must carry X-Amz-Expires (Gatehouse refuses one without, as AWS's message says).
                    r.putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, java.time.Duration.ofMinutes(15));
                }
                if (queryAuth) {
                    r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING);
                }
            });
            return signed.request();
        }

        IncomingRequest incoming() {
            return wire(signed(), body);
        }
    }

    /** The request as an HTTP client would put it on the wire: encoded path and query, headers plus Host. */
    static IncomingRequest wire(SdkHttpRequest r, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (r.firstMatchingHeader("Host").isEmpty()) {
            headers.add(new AbstractMap.SimpleEntry<>("Host", HOST));
        }
        r.forEachHeader((name, values) -> values.forEach(v -> headers.add(new AbstractMap.SimpleEntry<>(name, v))));
        return new IncomingRequest(r.method().name(), r.encodedPath(), r.encodedQueryParameters().orElse(null), headers,
                body, "127.0.0.1", "HTTP/1.1", NOW);
    }

    static IncomingRequest withHeader(IncomingRequest r, String name, String value) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        boolean replaced = false;
        for (Map.Entry<String, String> h : r.headers()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                if (!replaced && value != null) {
                    headers.add(new AbstractMap.SimpleEntry<>(h.getKey(), value));
                }
                replaced = true;
            } else {
                headers.add(h);
            }
        }
        if (!replaced && value != null) {
            headers.add(new AbstractMap.SimpleEntry<>(name, value));
        }
        return with(r, r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
    }

    static IncomingRequest with(IncomingRequest r, String method, String rawPath, String rawQuery,
                                List<Map.Entry<String, String>> headers, byte[] body) {
        return new IncomingRequest(method, rawPath, rawQuery, headers, body, r.sourceIp(), r.protocol(), r.receivedAt());
    }
}
