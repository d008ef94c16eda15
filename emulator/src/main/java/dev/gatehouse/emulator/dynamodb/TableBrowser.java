package dev.gatehouse.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads DynamoDB for Gatehouse's own endpoints: the tables with their key schema and item count, and a table's items
 * (all, or one partition), as plain JSON. Read-only: it never writes.
 */
public final class TableBrowser implements AutoCloseable {
    /** At most this many items in one answer; {@code truncated} says when there were more. */
    public static final int MAX_ITEMS = 1_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final DynamoDbClient client;

    public TableBrowser(DynamoDbClient client) {
        this.client = client;
    }

    /** {@code [{"name", "partitionKey": {"name","type"}, "sortKey"?, "itemCount"}]}, by name. */
    public ArrayNode tables() {
        ArrayNode out = JSON.arrayNode();
        for (String name : client.listTablesPaginator(r -> { }).tableNames()) {
            TableDescription d = client.describeTable(r -> r.tableName(name)).table();
            ObjectNode t = out.addObject().put("name", name);
            key(d, KeyType.HASH).ifPresent(k -> t.set("partitionKey", k));
            key(d, KeyType.RANGE).ifPresent(k -> t.set("sortKey", k));
            t.put("itemCount", count(name));
        }
        return out;
    }

    /**
     * {@code {"table", "partitionKey"?, "items": [...], "count", "truncated"}}: the items of one partition (a Query)
     * when {@code partitionKeyValue} is given, else the first items of the table (a Scan).
     *
     * @throws java.util.NoSuchElementException when the table does not exist
     * @throws IllegalArgumentException         when the value does not fit the partition key's type
     */
    public ObjectNode items(String table, String partitionKeyValue, int limit) {
        int max = Math.max(1, Math.min(limit, MAX_ITEMS));
        TableDescription d;
        try {
            d = client.describeTable(r -> r.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            throw new java.util.NoSuchElementException("no table " + table + " in DynamoDB");
        }
        ObjectNode out = JSON.objectNode().put("table", table);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        boolean truncated;
        if (partitionKeyValue != null) {
            ObjectNode pk = key(d, KeyType.HASH).orElseThrow();
            String name = pk.get("name").asText();
            AttributeValue value = switch (pk.get("type").asText()) {
                case "N" -> {
                    try {
                        yield AttributeValue.fromN(new BigDecimal(partitionKeyValue).toPlainString());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("partition key " + name + " of " + table
                                + " is a number, got " + partitionKeyValue);
                    }
                }
                case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(partitionKeyValue)));
                default -> AttributeValue.fromS(partitionKeyValue);
            };
            out.put("partitionKey", partitionKeyValue);
            Map<String, AttributeValue> lastKey = null;
            do {
                Map<String, AttributeValue> start = lastKey;
                QueryResponse page = client.query(q -> q.tableName(table).keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", name)).expressionAttributeValues(Map.of(":pk", value))
                        .exclusiveStartKey(start).limit(max + 1 - items.size()));
                items.addAll(page.items());
                lastKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (lastKey != null && items.size() <= max);
        } else {
            Map<String, AttributeValue> lastKey = null;
            do {
                Map<String, AttributeValue> start = lastKey;
                ScanResponse page = client.scan(s -> s.tableName(table).exclusiveStartKey(start)
                        .limit(max + 1 - items.size()));
                items.addAll(page.items());
                lastKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (lastKey != null && items.size() <= max);
        }
        truncated = items.size() > max;
        ArrayNode list = out.putArray("items");
        items.stream().limit(max).forEach(item -> list.add(json(item)));
        out.put("count", list.size()).put("truncated", truncated);
        return out;
    }

    private long count(String table) {
        long n = 0;
        Map<String, AttributeValue> lastKey = null;
        do {
            Map<String, AttributeValue> start = lastKey;
            ScanResponse page = client.scan(s -> s.tableName(table).select(Select.COUNT).exclusiveStartKey(start));
            n += page.count();
            lastKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (lastKey != null);
        return n;
    }

    private static Optional<ObjectNode> key(TableDescription d, KeyType type) {
        for (KeySchemaElement k : d.keySchema()) {
            if (k.keyType() == type) {
                String attributeType = d.attributeDefinitions().stream()
                        .filter(a -> a.attributeName().equals(k.attributeName())).findFirst()
                        .map(a -> a.attributeTypeAsString()).orElse("S");
                return Optional.of(JSON.objectNode().put("name", k.attributeName()).put("type", attributeType));
            }
        }
        return Optional.empty();
    }

    /** An item as plain JSON: numbers as numbers, sets as arrays, binary as base64 text. */
    static ObjectNode json(Map<String, AttributeValue> item) {
        ObjectNode o = JSON.objectNode();
        item.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.set(e.getKey(), json(e.getValue())));
        return o;
    }

    private static JsonNode json(AttributeValue v) {
        return switch (v.type()) {
            case S -> JSON.textNode(v.s());
            case N -> JSON.numberNode(new BigDecimal(v.n()));
            case BOOL -> JSON.booleanNode(v.bool());
            case NUL -> JSON.nullNode();
            case B -> JSON.textNode(Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case M -> json(v.m());
            case L -> {
                ArrayNode a = JSON.arrayNode();
                v.l().forEach(x -> a.add(json(x)));
                yield a;
            }
            case SS -> {
                ArrayNode a = JSON.arrayNode();
                v.ss().forEach(a::add);
                yield a;
            }
            case NS -> {
                ArrayNode a = JSON.arrayNode();
                v.ns().forEach(n -> a.add(new BigDecimal(n)));
                yield a;
            }
            case BS -> {
                ArrayNode a = JSON.arrayNode();
                v.bs().forEach(b -> a.add(Base64.getEncoder().encodeToString(b.asByteArray())));
                yield a;
            }
            default -> JSON.nullNode();
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
