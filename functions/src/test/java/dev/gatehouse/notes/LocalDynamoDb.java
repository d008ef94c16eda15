package dev.gatehouse.notes;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local in server mode, in memory, on 127.0.0.1 and a free port. Its own ServerRunner binds every interface
 * and cannot report a port-0 choice, so its request handler is mounted on a Jetty connector of our own (telemetry is
 * never configured this way, so it stays off). The handlers under test find it the way Gatehouse points them at it:
 * the SDK's standard system properties, and TABLE_NAME as a system property.
 */
final class LocalDynamoDb implements AutoCloseable {
    static final String TABLE = "notes";

    private final LocalDynamoDBRequestHandler requestHandler;
    private final Server jetty;
    final URI endpoint;

    private LocalDynamoDb() throws Exception {
        requestHandler = new LocalDynamoDBRequestHandler(0, true, null, false, false);
        LocalDynamoDBServerHandler serverHandler = new LocalDynamoDBServerHandler(requestHandler, null);
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new DynamoDBProxyServer(0, serverHandler).setUpHandler(serverHandler));
        jetty.start();
        endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    static LocalDynamoDb start() throws Exception {
        LocalDynamoDb server = new LocalDynamoDb();
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.endpointUrlDynamoDb", server.endpoint.toString());
        System.setProperty("aws.accessKeyId", "AKIDLOCAL");
        System.setProperty("aws.secretAccessKey", "local-secret");
        System.setProperty("TABLE_NAME", TABLE);
        try (DynamoDbClient client = client()) {
            client.createTable(b -> b.tableName(TABLE)
                    .keySchema(k -> k.attributeName("userId").keyType(KeyType.HASH),
                            k -> k.attributeName("noteId").keyType(KeyType.RANGE))
                    .attributeDefinitions(
                            a -> a.attributeName("userId").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("noteId").attributeType(ScalarAttributeType.S))
                    .billingMode("PAY_PER_REQUEST"));
        }
        return server;
    }

    /** A client for the tests' own reads and writes, built like the handlers' (SDK defaults, system properties). */
    static DynamoDbClient client() {
        return DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        requestHandler.shutdown();
    }
}
