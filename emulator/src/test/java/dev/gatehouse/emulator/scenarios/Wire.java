package dev.gatehouse.emulator.scenarios;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client-side test tools: sign in as a user, sign API calls with the AWS SDK v2 signer (with the region, clock and
 * token handling a buggy client would use), or by hand where no SDK makes the mistake (an unsorted query), and send
 * them exactly as built.
 */
public final class Wire {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final DateTimeFormatter AMZ = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Wire() {
    }

    /** @param sent the headers as sent (Authorization with its signature included) */
    public record Response(int status, String body, Map<String, List<String>> headers, Map<String, String> sent) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        public String requestId() {
            return header("apigw-requestid");
        }
    }

    public static SignIn.IdentityCredentials credentials(Gatehouse g, String email, String password) {
        try (SignIn signIn = new SignIn(g.outputs(), g.baseUri(), Clock.systemUTC())) {
            return signIn.credentials(signIn.srp(email, password).idToken());
        }
    }

    /** How a client signs. */
    public static final class Signing {
        String region = "us-east-1";
        Clock clock = Clock.systemUTC();
        boolean signToken = true;
        boolean sendToken = true;

        public Signing region(String r) {
            region = r;
            return this;
        }

        public Signing clock(Clock c) {
            clock = c;
            return this;
        }

        /** Signs without the token, then adds X-Amz-Security-Token (as apig-test does). */
        public Signing tokenAddedAfterSigning() {
            signToken = false;
            return this;
        }

        public Signing noToken() {
            signToken = false;
            sendToken = false;
            return this;
        }
    }

    /** Signed with the AWS SDK v2 signer; {@code url} is sent as written. */
    public static Response sdk(SignIn.IdentityCredentials c, Signing how, String method, String url, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(url));
        if (body != null) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        AwsCredentialsIdentity identity = how.signToken
                ? AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())
                : AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey());
        SignedRequest signed = SIGNER.sign(r -> r.identity(identity).request(unsigned.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, how.region)
                .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, how.clock)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) -> headers.put(name, values.get(0)));
        if (!how.signToken && how.sendToken) {
            headers.put("X-Amz-Security-Token", c.sessionToken());
        }
        return send(method, url, headers, bytes);
    }

    /**
     * Signed by hand with the query in the order given, not sorted (a client mistake no SDK makes); the path must not
     * need encoding.
     */
    public static Response unsortedQuery(SignIn.IdentityCredentials c, String base, String path,
                                         List<String[]> query) {
        Instant now = Instant.now();
        String amzDate = AMZ.format(now);
        String day = amzDate.substring(0, 8);
        StringBuilder q = new StringBuilder();
        for (String[] p : query) {
            q.append(q.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        String host = URI.create(base).getAuthority();
        String signedHeaders = "host;x-amz-date;x-amz-security-token";
        String canonical = "GET\n" + path + "\n" + q + "\nhost:" + host + "\nx-amz-date:" + amzDate
                + "\nx-amz-security-token:" + c.sessionToken() + "\n\n" + signedHeaders + "\n" + sha256Hex(new byte[0]);
        String scope = day + "/us-east-1/execute-api/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + c.secretAccessKey()).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, "us-east-1");
        key = hmac(key, "execute-api");
        key = hmac(key, "aws4_request");
        String signature = HexFormat.of().formatHex(hmac(key, stringToSign));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Amz-Date", amzDate);
        headers.put("X-Amz-Security-Token", c.sessionToken());
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + c.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return send("GET", base + path + "?" + q, headers, new byte[0]);
    }

    public static Response send(String method, String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
                b.header(k, v);
            }
        });
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map(), Map.copyOf(headers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET or POST on {@code /_gatehouse/...}, with the admin token (and JSON as the content type of a POST). */
    public static Response admin(Gatehouse g, String method, String pathAndQuery, String body) {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put(dev.gatehouse.emulator.client.AdminToken.HEADER, g.adminToken());
        if (!"GET".equals(method)) {
            headers.put("Content-Type", "application/json");
        }
        return send(method, g.baseUri() + "/_gatehouse/" + pathAndQuery, headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String[]> params(String... nameValues) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.add(new String[] {nameValues[i], nameValues[i + 1]});
        }
        return out;
    }
}
