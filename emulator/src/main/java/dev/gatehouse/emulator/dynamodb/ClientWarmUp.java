package dev.gatehouse.emulator.dynamodb;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;

/**
 * Loads the AWS SDK's DynamoDB client classes (builder, endpoint rules, marshallers, signer, Apache client) while
 * DynamoDB Local is still starting, by sending one request to a closed loopback port: start-up then creates the tables
 * with a warm SDK instead of paying for its class loading on the critical path.
 */
public final class ClientWarmUp {
    private ClientWarmUp() {
    }

    public static void run(String region) {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("warm", "up")))
                .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofMillis(200)))
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())
                        .apiCallTimeout(Duration.ofSeconds(2)))
                .build()) {
            client.describeTable(d -> d.tableName("gatehouse-warm-up"));
        } catch (RuntimeException expected) {
            // nothing listens on port 1: the request path is loaded, which is all this was for
        }
    }
}
