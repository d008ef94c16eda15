package dev.gatehouse.emulator.dynamodb;

import dev.gatehouse.emulator.config.GatehouseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the configured tables (partition key, optional sort key, global and local secondary indexes,
 * PAY_PER_REQUEST) when they do not exist, and loads
 * a table's seed items when the table is created: an existing table (a restart on a data directory) keeps its data
 * and is not re-seeded, so edits made while running are not overwritten.
 */
public final class Tables {
    private static final Logger LOG = LoggerFactory.getLogger(Tables.class);

    private final DynamoDbClient client;

    public Tables(DynamoDbClient client) {
        this.client = client;
    }

    /**
     * Reads every seed file first (so a bad file fails before anything is created), then creates what is missing.
     *
     * @throws IllegalArgumentException for a bad seed file, naming the file, the item index and the field
     */
    public void ensure(List<GatehouseConfig.Table> tables) {
        ensure(tables, readSeeds(tables));
    }

    /**
     * Every table's seed items, in the tables' order (none for a table without a seed file): read before anything
     * starts, so that a bad file is refused with the configuration.
     *
     * @throws IllegalArgumentException for a bad seed file, naming the file, the item index and the field
     */
    public static List<List<Map<String, AttributeValue>>> readSeeds(List<GatehouseConfig.Table> tables) {
        List<List<Map<String, AttributeValue>>> seeds = new ArrayList<>();
        for (GatehouseConfig.Table table : tables) {
            seeds.add(table.seed() == null ? List.of() : SeedItems.read(table.seed(), table));
        }
        return seeds;
    }

    /** Creates the tables that are missing, loading {@code seeds} (from {@link #readSeeds}) into those created. */
    public void ensure(List<GatehouseConfig.Table> tables, List<List<Map<String, AttributeValue>>> seeds) {
        for (int i = 0; i < tables.size(); i++) {
            GatehouseConfig.Table table = tables.get(i);
            if (create(table)) {
                List<Map<String, AttributeValue>> items = seeds.get(i);
                items.forEach(item -> client.putItem(put -> put.tableName(table.name()).item(item)));
                LOG.info("Table {} created{}", table.name(), items.isEmpty() ? "" : " with " + items.size() + " seed items");
            } else {
                LOG.info("Table {} already exists", table.name());
            }
        }
    }

    /** @return true when this call created the table */
    private boolean create(GatehouseConfig.Table table) {
        Map<String, AttributeDefinition> definitions = new LinkedHashMap<>();
        List<KeySchemaElement> keySchema = keySchema(table.partitionKey(), table.sortKey(), definitions);
        List<GlobalSecondaryIndex> gsis = table.globalSecondaryIndexes().stream()
                .map(i -> GlobalSecondaryIndex.builder().indexName(i.name())
                        .keySchema(keySchema(i.partitionKey(), i.sortKey(), definitions))
                        .projection(projection(i)).build())
                .toList();
        List<LocalSecondaryIndex> lsis = table.localSecondaryIndexes().stream()
                .map(i -> LocalSecondaryIndex.builder().indexName(i.name())
                        .keySchema(keySchema(i.partitionKey(), i.sortKey(), definitions))
                        .projection(projection(i)).build())
                .toList();
        TableStatus status;
        try {
            // One call, not describe-then-create: a table that exists (a restart on a data directory) answers
            // ResourceInUseException.
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(table.name())
                    .attributeDefinitions(definitions.values())
                    .keySchema(keySchema)
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (!gsis.isEmpty()) {
                request.globalSecondaryIndexes(gsis);
            }
            if (!lsis.isEmpty()) {
                request.localSecondaryIndexes(lsis);
            }
            status = client.createTable(request.build()).tableDescription().tableStatus();
        } catch (ResourceInUseException exists) {
            return false;
        }
        if (status != TableStatus.ACTIVE) { // DynamoDB Local creates tables ACTIVE; a real DynamoDB takes a while
            client.waiter().waitUntilTableExists(d -> d.tableName(table.name()));
        }
        return true;
    }

    private static List<KeySchemaElement> keySchema(GatehouseConfig.Key partitionKey, GatehouseConfig.Key sortKey,
                                                    Map<String, AttributeDefinition> definitions) {
        List<KeySchemaElement> keySchema = new ArrayList<>();
        definitions.putIfAbsent(partitionKey.name(), definition(partitionKey));
        keySchema.add(KeySchemaElement.builder().attributeName(partitionKey.name()).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            definitions.putIfAbsent(sortKey.name(), definition(sortKey));
            keySchema.add(KeySchemaElement.builder().attributeName(sortKey.name()).keyType(KeyType.RANGE).build());
        }
        return keySchema;
    }

    private static Projection projection(GatehouseConfig.Index index) {
        Projection.Builder p = Projection.builder().projectionType(ProjectionType.fromValue(index.projectionType()));
        if (!index.nonKeyAttributes().isEmpty()) {
            p.nonKeyAttributes(index.nonKeyAttributes());
        }
        return p.build();
    }

    private static AttributeDefinition definition(GatehouseConfig.Key key) {
        return AttributeDefinition.builder().attributeName(key.name()).attributeType(key.type()).build();
    }
}
