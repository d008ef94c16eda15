package dev.gatehouse.emulator.e2e;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.dynamodb.DynamoDbLocal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.net.URI;
import java.util.Map;

/** The notes table itself, read straight from DynamoDB Local: what the handlers really stored. */
final class StoredNotes implements AutoCloseable {
    private final DynamoDbClient client;
    private final String table;

    private StoredNotes(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /** The table of the running Gatehouse (its DynamoDB endpoint: outputs() waits for it after the ready line). */
    static StoredNotes of(Gatehouse gatehouse) {
        String endpoint = gatehouse.outputs().dynamoDbEndpoint();
        DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create(endpoint))
                .region(Region.of(gatehouse.config().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        DynamoDbLocal.LOCAL_ACCESS_KEY_ID, DynamoDbLocal.LOCAL_SECRET_ACCESS_KEY)))
                .build();
        return new StoredNotes(client, gatehouse.config().functionDefaults().environment().get("TABLE_NAME"));
    }

    /** Every item of the table, all users. */
    int count() {
        return client.scanPaginator(r -> r.tableName(table).select(Select.COUNT)).stream()
                .mapToInt(page -> page.count()).sum();
    }

    Map<String, AttributeValue> item(String userId, String noteId) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "userId", AttributeValue.fromS(userId), "noteId", AttributeValue.fromS(noteId)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    @Override
    public void close() {
        client.close();
    }
}
