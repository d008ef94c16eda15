package dev.gatehouse.emulator.client;

import org.apache.http.NoHttpResponseException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guide's third step: an API call signed with SigV4 (service {@code execute-api}) by the AWS SDK v2 signer, with
 * payload signing on, sent over plain HTTP.
 *
 * <p>Sent by the SDK's Apache client (one shared pool of keep-alive connections), whose exchange runs on the calling
 * thread: {@code java.net.http} hands each exchange to its selector thread and back, which cost the three-step sign-in's
 * call about a quarter of its time on two busy cores (benchmarks/PERFORMANCE.md).
 */
public final class SignedCall {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final int MAX_CONNECTIONS = 256;
    /** Attempts of a request whose connection closed without an answer ({@link #call}). */
    static final int ATTEMPTS = 3;
    static final String USER_AGENT = "gatehouse-signed-call";

    /** Made at the first call: {@code ./gatehouse} commands that send none do not load the client. */
    private static final class Http {
        static final SdkHttpClient CLIENT = ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .maxConnections(MAX_CONNECTIONS)
                .expectContinueEnabled(false)
                .build();
    }

    private SignedCall() {
    }

    public record Response(int status, String body, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    /** Signs the request for the API at {@code apiEndpoint} (path appended to it) and sends it. */
    public static Response send(String region, SignIn.IdentityCredentials credentials, String method, URI apiEndpoint,
                                String path, String body) throws IOException, InterruptedException {
        URI uri = URI.create(apiEndpoint.toString().replaceAll("/+$", "") + path);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method.toUpperCase(Locale.ROOT)))
                .uri(uri);
        if (body != null) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create(credentials.accessKeyId(),
                        credentials.secretAccessKey(), credentials.sessionToken()))
                .request(unsigned.build())
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        SdkHttpRequest.Builder request = signed.request().toBuilder();
        // written after signing, as java.net.http wrote them: not among the signed headers (a GET or DELETE without a
        // body is sent without a Content-Length by this client)
        request.putHeader("Content-Length", String.valueOf(bytes.length));
        request.putHeader("User-Agent", USER_AGENT);
        HttpExecuteRequest exchange = HttpExecuteRequest.builder()
                .request(request.build())
                .contentStreamProvider(bytes.length == 0 ? null : ContentStreamProvider.fromByteArray(bytes))
                .build();
        HttpExecuteResponse response = call(exchange);
        byte[] answer;
        try (InputStream in = response.responseBody().orElse(null)) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.httpResponse().forEachHeader((name, values) -> headers.put(name, List.copyOf(values)));
        return new Response(response.httpResponse().statusCode(), new String(answer, charset(headers)), headers);
    }

    /**
     * Sends the exchange; a request the server closed its connection on without any answer is sent again, on another
     * connection, up to {@value #ATTEMPTS} times in all (as the AWS SDKs' standard retry mode does for an I/O error). The
     * case it is for: a keep-alive connection in the shared pool whose server has stopped (a Gatehouse stopped, or
     * restarted on the same port); the pool checks an idle connection only after 2 s, so a call soon after the restart
     * went out on the closed one and failed ({@code NoHttpResponseException}). Each failed attempt closes its
     * connection. Any other failure (refused, timed out, reset while answering) is thrown at once.
     */
    private static HttpExecuteResponse call(HttpExecuteRequest exchange) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Http.CLIENT.prepareRequest(exchange).call();
            } catch (NoHttpResponseException closedWithoutAnswer) {
                if (attempt >= ATTEMPTS) {
                    throw closedWithoutAnswer;
                }
            }
        }
    }

    /** The {@code charset} of the response's Content-Type, UTF-8 when it names none (as java.net.http decoded). */
    static Charset charset(Map<String, List<String>> headers) {
        for (String value : headers.getOrDefault("Content-Type", List.of())) {
            for (String parameter : value.split(";")) {
                String p = parameter.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
