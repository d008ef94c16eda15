package dev.gatehouse.emulator.dynamodb;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.SdkHttpService;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The AWS SDK's default HTTP client for the functions run in Gatehouse's JVM, named by the SDK's
 * {@code software.amazon.awssdk.http.service.impl} system property (see {@code LambdaEnvironment}): the HTTP client the
 * SDK would have chosen (the same rule: the highest-priority {@code SdkHttpService} on the class path, Apache 5, Apache,
 * URL connection, CRT), except that a request addressed to a DynamoDB Local running in this JVM is handed to that
 * server's own request handler on the calling thread ({@link InProcessDynamoDb}) instead of a second loopback HTTP
 * exchange. Everything above the HTTP client (marshalling, signing, retries, checksums, unmarshalling, errors) is the
 * SDK's as usual, and the answer is DynamoDB Local's own, from the same database every other client sees. A client
 * built with an explicit HTTP client ({@code httpClientBuilder(ApacheHttpClient.builder())}) does not use this.
 */
public final class InProcessHttpService implements SdkHttpService {
    /** The SDK's own order of preference (its {@code ClasspathSdkHttpServiceProvider}). */
    private static final Map<String, Integer> SDK_PRIORITY = Map.of(
            "software.amazon.awssdk.http.apache5.Apache5SdkHttpService", 1,
            "software.amazon.awssdk.http.apache.ApacheSdkHttpService", 2,
            "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService", 3,
            "software.amazon.awssdk.http.crt.AwsCrtSdkHttpService", 4);

    @Override
    public SdkHttpClient.Builder createHttpClientBuilder() {
        SdkHttpClient.Builder network = sdkDefault().createHttpClientBuilder();
        return serviceDefaults -> new Client(network.buildWithDefaults(serviceDefaults));
    }

    /** The service the SDK's default discovery would choose without the system property. */
    private static SdkHttpService sdkDefault() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        SdkHttpService best = null;
        int bestRank = Integer.MAX_VALUE;
        for (SdkHttpService service : ServiceLoader.load(SdkHttpService.class,
                loader != null ? loader : InProcessHttpService.class.getClassLoader())) {
            int rank = SDK_PRIORITY.getOrDefault(service.getClass().getName(), Integer.MAX_VALUE);
            if (!(service instanceof InProcessHttpService) && (best == null || rank < bestRank)) {
                best = service;
                bestRank = rank;
            }
        }
        if (best == null) {
            throw SdkClientException.create("Unable to load an HTTP implementation from any provider in the chain. "
                    + "You must declare a dependency on an appropriate HTTP implementation or pass in an SdkHttpClient "
                    + "explicitly to the client builder.");
        }
        return best;
    }

    static final class Client implements SdkHttpClient {
        private final SdkHttpClient network;

        Client(SdkHttpClient network) {
            this.network = network;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            SdkHttpRequest http = request.httpRequest();
            if (!"http".equals(http.protocol()) || InProcessDynamoDb.handlerAt(http.host(), http.port()) == null) {
                return network.prepareRequest(request);
            }
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    byte[] body = new byte[0];
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream in = request.contentStreamProvider().get().newStream()) {
                            body = in.readAllBytes();
                        }
                    }
                    InProcessDynamoDb.Answer answer;
                    try {
                        answer = InProcessDynamoDb.serve(http.host(), http.port(), http.method().name(),
                                http.getUri().toString(), http.headers(), body);
                    } catch (IOException | RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IOException("DynamoDB Local in process: " + e, e);
                    }
                    if (answer == null) { // stopped since prepareRequest: as over the network, nothing listens there
                        throw new IOException("Connect to " + http.host() + ":" + http.port() + " failed: "
                                + "DynamoDB Local there has stopped");
                    }
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(answer.status()).headers(answer.headers())
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                            .build();
                }

                @Override
                public void abort() {
                    // served synchronously on the calling thread: nothing in flight to abort
                }
            };
        }

        @Override
        public void close() {
            network.close();
        }

        @Override
        public String clientName() {
            return network.clientName();
        }
    }
}
