package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code AWS::DynamoDB::Table} (key schema, attribute definitions, global and local secondary indexes; capacity and
 * billing ignored) and {@code AWS::Serverless::SimpleTable} (primary key, default {@code id} of type String).
 */
final class TableReader {
    private static final Set<String> TABLE_READ = Reading.names("TableName", "KeySchema", "AttributeDefinitions",
            "GlobalSecondaryIndexes", "LocalSecondaryIndexes");
    private static final Set<String> TABLE_IGNORED = Reading.names("BillingMode", "ProvisionedThroughput",
            "PointInTimeRecoverySpecification", "SSESpecification", "Tags", "DeletionProtectionEnabled",
            "StreamSpecification", "TableClass", "ContributorInsightsSpecification", "OnDemandThroughput",
            "WarmThroughput", "ResourcePolicy");
    private static final Set<String> SIMPLE_READ = Reading.names("TableName", "PrimaryKey");
    private static final Set<String> SIMPLE_IGNORED = Reading.names("ProvisionedThroughput", "SSESpecification",
            "Tags", "PointInTimeRecoverySpecification");

    private final Reading reading;

    TableReader(Reading reading) {
        this.reading = reading;
    }

    GatehouseConfig.Table read(Resource r) {
        String name = reading.attempt(() -> reading.stack.ref(r.logicalId(), r.pointer()).asText(), r.logicalId());
        if (r.type().equals("AWS::Serverless::SimpleTable")) {
            reading.knownProperties(r, SIMPLE_READ, SIMPLE_IGNORED);
            JsonNode pk = reading.property(r, "PrimaryKey");
            GatehouseConfig.Key key = new GatehouseConfig.Key("id", "S");
            if (pk != null) {
                String type = switch (pk.path("Type").asText("String")) {
                    case "String" -> "S";
                    case "Number" -> "N";
                    case "Binary" -> "B";
                    default -> {
                        reading.problem(r.at("PrimaryKey"), "Type: expected String, Number or Binary, got "
                                + Intrinsics.describe(pk.get("Type")));
                        yield "S";
                    }
                };
                if (!pk.path("Name").isTextual()) {
                    reading.problem(r.at("PrimaryKey"), "Name: expected the key attribute's name");
                } else {
                    key = new GatehouseConfig.Key(pk.get("Name").asText(), type);
                }
            }
            return new GatehouseConfig.Table(name, key, null, null);
        }
        reading.knownProperties(r, TABLE_READ, TABLE_IGNORED);
        Map<String, String> types = new HashMap<>();
        JsonNode definitions = reading.property(r, "AttributeDefinitions");
        if (definitions == null || !definitions.isArray()) {
            reading.problem(r.propertiesPointer(), "AttributeDefinitions: expected a list of {AttributeName, "
                    + "AttributeType}");
        } else {
            for (int i = 0; i < definitions.size(); i++) {
                JsonNode d = definitions.get(i);
                String type = d.path("AttributeType").asText("");
                if (!d.path("AttributeName").isTextual() || !type.matches("[SNB]")) {
                    reading.problem(TemplateDocument.child(r.at("AttributeDefinitions"), i),
                            "expected {AttributeName, AttributeType: S, N or B}");
                } else {
                    types.put(d.get("AttributeName").asText(), type);
                }
            }
        }
        GatehouseConfig.Key[] keys = keySchema(reading.property(r, "KeySchema"), r.at("KeySchema"), types);
        List<GatehouseConfig.Index> gsis = indexes(r, "GlobalSecondaryIndexes", types);
        List<GatehouseConfig.Index> lsis = indexes(r, "LocalSecondaryIndexes", types);
        for (int i = 0; i < lsis.size(); i++) {
            if (keys[0] != null && lsis.get(i).partitionKey() != null && !keys[0].equals(lsis.get(i).partitionKey())) {
                reading.problem(TemplateDocument.child(r.at("LocalSecondaryIndexes"), i), "a local secondary index "
                        + "has the table's partition key " + keys[0].name());
            }
            if (lsis.get(i).sortKey() == null) {
                reading.problem(TemplateDocument.child(r.at("LocalSecondaryIndexes"), i), "a local secondary index "
                        + "needs a RANGE key");
            }
        }
        return new GatehouseConfig.Table(name, keys[0], keys[1], null, gsis, lsis);
    }

    private List<GatehouseConfig.Index> indexes(Resource r, String property, Map<String, String> types) {
        List<GatehouseConfig.Index> out = new ArrayList<>();
        JsonNode list = reading.property(r, property);
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            reading.problem(r.at(property), "expected a list of indexes");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode index = list.get(i);
            String at = TemplateDocument.child(r.at(property), i);
            if (!index.path("IndexName").isTextual()) {
                reading.problem(at, "IndexName: expected the index's name");
                continue;
            }
            GatehouseConfig.Key[] keys = keySchema(index.get("KeySchema"), TemplateDocument.child(at, "KeySchema"),
                    types);
            JsonNode projection = index.path("Projection");
            String type = projection.path("ProjectionType").asText("KEYS_ONLY");
            if (!type.matches("ALL|KEYS_ONLY|INCLUDE")) {
                reading.problem(TemplateDocument.child(at, "Projection"), "ProjectionType: expected ALL, KEYS_ONLY "
                        + "or INCLUDE, got \"" + type + "\"");
                type = "ALL";
            }
            List<String> include = new ArrayList<>();
            projection.path("NonKeyAttributes").forEach(a -> include.add(a.asText()));
            if (type.equals("INCLUDE") && include.isEmpty()) {
                reading.problem(TemplateDocument.child(at, "Projection"), "INCLUDE needs NonKeyAttributes");
            }
            out.add(new GatehouseConfig.Index(index.get("IndexName").asText(), keys[0], keys[1], type, include));
        }
        return out;
    }

    /** {@code [{AttributeName, KeyType: HASH}, {AttributeName, KeyType: RANGE}]} → partition key, sort key. */
    private GatehouseConfig.Key[] keySchema(JsonNode schema, String at, Map<String, String> types) {
        GatehouseConfig.Key[] keys = new GatehouseConfig.Key[2];
        if (schema == null || !schema.isArray() || schema.isEmpty() || schema.size() > 2) {
            reading.problem(at, "expected KeySchema: one HASH key and an optional RANGE key");
            return keys;
        }
        for (int i = 0; i < schema.size(); i++) {
            JsonNode k = schema.get(i);
            String name = k.path("AttributeName").asText("");
            String keyType = k.path("KeyType").asText("");
            String type = types.get(name);
            if (type == null) {
                reading.problem(TemplateDocument.child(at, i), "AttributeName: \"" + name + "\" is not in "
                        + "AttributeDefinitions");
                continue;
            }
            switch (keyType) {
                case "HASH" -> keys[0] = new GatehouseConfig.Key(name, type);
                case "RANGE" -> keys[1] = new GatehouseConfig.Key(name, type);
                default -> reading.problem(TemplateDocument.child(at, i), "KeyType: expected HASH or RANGE, got \""
                        + keyType + "\"");
            }
        }
        if (keys[0] == null) {
            reading.problem(at, "expected a HASH key");
        }
        return keys;
    }
}
