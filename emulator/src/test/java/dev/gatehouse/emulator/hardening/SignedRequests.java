package dev.gatehouse.emulator.hardening;

import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random requests signed by the real AWS SDK v2 signer (execute-api): random method, path, query, headers and body,
 * header or query (presigned) authentication, from a seeded {@link Random} so that a failure reproduces.
 */
final class SignedRequests {
    static final String REGION = "us-east-1";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH"};
    /** Characters of path segments, query names and values: unreserved, reserved, space, non-ASCII. */
    private static final String CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
            + " +=&%/:@!$'()*,;éü€日";
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** Signing keys: an access key id, its secret and (temporary credentials) its session token. */
    record Key(String accessKeyId, String secretAccessKey, String sessionToken) {
        AwsCredentialsIdentity identity() {
            return sessionToken == null ? AwsCredentialsIdentity.create(accessKeyId, secretAccessKey)
                    : AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, sessionToken);
        }
    }

    /** One signed request as it goes on the wire. */
    record Signed(WireRequest wire, Key key, boolean presigned) {
    }

    private final Random random;
    private final String host;
    private final int port;

    SignedRequests(Random random, String host, int port) {
        this.random = random;
        this.host = host;
        this.port = port;
    }

    /** A request with every part random. */
    Signed anyRequest(Key key, Instant signedAt) {
        String method = METHODS[random.nextInt(METHODS.length)];
        StringBuilder path = new StringBuilder();
        int segments = random.nextInt(5);
        for (int i = 0; i < segments; i++) {
            String segment = text(1 + random.nextInt(12));
            // Not "..": the Java SDK keeps a ".." above the root ("/../a"), where RFC 3986 and botocore drop it.
            path.append('/').append(SdkHttpUtils.urlEncode(segment.equals("..") ? "." : segment));
        }
        if (path.length() == 0 || random.nextInt(6) == 0) {
            path.append('/');
        }
        byte[] body = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(2048)];
        random.nextBytes(body);
        return sign(method, path.toString(), body, key, signedAt);
    }

    /** A request to one of the notes API's routes, with a random query, headers and (for writes) JSON body. */
    Signed routeRequest(Key key, Instant signedAt) {
        String id = "n-" + word(10);
        String[] route = switch (random.nextInt(5)) {
            case 0 -> new String[] {"POST", "/notes"};
            case 1 -> new String[] {"GET", "/notes"};
            case 2 -> new String[] {"GET", "/notes/" + id};
            case 3 -> new String[] {"PUT", "/notes/" + id};
            default -> new String[] {"DELETE", "/notes/" + id};
        };
        byte[] body = route[0].equals("POST") || route[0].equals("PUT")
                ? ("{\"content\":\"" + word(1 + random.nextInt(40)) + "\",\"attachment\":\"" + word(6) + ".jpg\"}")
                .getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        return sign(route[0], route[1], body, key, signedAt);
    }

    Signed sign(String method, String encodedPath, byte[] body, Key key, Instant signedAt) {
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).protocol("http")
                .host(host).port(port).encodedPath(encodedPath);
        int params = random.nextInt(5);
        for (int i = 0; i < params; i++) {
            String name = random.nextInt(3) == 0 ? text(1 + random.nextInt(6)) : word(1 + random.nextInt(6));
            b.appendRawQueryParameter(name, random.nextInt(6) == 0 ? "" : text(random.nextInt(16)));
        }
        int extra = random.nextInt(4);
        for (int i = 0; i < extra; i++) {
            b.appendHeader("x-gh-" + word(1 + random.nextInt(8)), headerValue());
        }
        if (body.length > 0 && random.nextBoolean()) {
            b.putHeader("Content-Type", random.nextBoolean() ? "application/json" : "application/octet-stream");
        }
        boolean presigned = random.nextInt(5) == 0;
        SdkHttpRequest signed = SIGNER.sign(r -> {
            r.identity(key.identity()).request(b.build()).payload(() -> new ByteArrayInputStream(body))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC));
            if (presigned) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING);
                r.putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, java.time.Duration.ofMinutes(15));
            }
        }).request();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (signed.firstMatchingHeader("Host").isEmpty()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>("Host", host + ":" + port));
        }
        signed.forEachHeader((name, values) ->
                values.forEach(v -> headers.add(new AbstractMap.SimpleImmutableEntry<>(name, v))));
        return new Signed(new WireRequest(method, signed.encodedPath(), signed.encodedQueryParameters().orElse(null),
                headers, body), key, presigned);
    }

    /** Printable ASCII with inner runs of spaces (which SigV4 collapses), never leading or trailing space. */
    private String headerValue() {
        StringBuilder s = new StringBuilder(word(1));
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(8) == 0 ? "  " : String.valueOf((char) (0x21 + random.nextInt(0x5e))));
        }
        return s.append(word(1)).toString();
    }

    private String text(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(CHARS.charAt(random.nextInt(CHARS.length())));
        }
        return s.toString();
    }

    String word(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return s.toString();
    }
}
