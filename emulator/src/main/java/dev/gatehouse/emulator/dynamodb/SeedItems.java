package dev.gatehouse.emulator.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.config.GatehouseConfig;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed items of a table: a JSON file holding an array of objects whose plain JSON values become attribute values
 * (string → S, number → N, true/false → BOOL, null → NULL, array → L, object → M). Every item must carry the table's
 * key attributes with the key's type (S: a non-empty string; N: a number; B: a base64 string).
 */
final class SeedItems {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SeedItems() {
    }

    static List<Map<String, AttributeValue>> read(Path file, GatehouseConfig.Table table) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("seed file " + file + " of table '" + table.name() + "' does not exist");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("seed file " + file + ": not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("seed file " + file + " cannot be read: " + e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("seed file " + file + ": expected a JSON array of items (objects)");
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            String where = "seed file " + file + ": item " + i;
            JsonNode item = root.get(i);
            if (!item.isObject()) {
                throw new IllegalArgumentException(where + ": expected an object, got " + item.getNodeType());
            }
            Map<String, AttributeValue> attributes = attributes(item);
            key(where, item, table.partitionKey(), "partition key", attributes);
            if (table.sortKey() != null) {
                key(where, item, table.sortKey(), "sort key", attributes);
            }
            items.add(attributes);
        }
        return items;
    }

    /** Checks a key attribute; a B key's base64 text becomes binary. */
    private static void key(String where, JsonNode item, GatehouseConfig.Key key, String role,
                            Map<String, AttributeValue> attributes) {
        JsonNode value = item.get(key.name());
        String field = where + ": field '" + key.name() + "' (" + role + ", type " + key.type() + ")";
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        boolean ok = switch (key.type()) {
            case "S", "B" -> value.isTextual() && !value.textValue().isEmpty();
            case "N" -> value.isNumber();
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + switch (key.type()) {
                case "S" -> "a non-empty string";
                case "B" -> "a non-empty base64 string";
                case "N" -> "a number";
                default -> "of type S, N or B";
            } + ", got " + value);
        }
        if ("B".equals(key.type())) {
            try {
                attributes.put(key.name(), AttributeValue.fromB(SdkBytes.fromByteArray(
                        Base64.getDecoder().decode(value.textValue()))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + " must be base64: " + e.getMessage());
            }
        }
    }

    static Map<String, AttributeValue> attributes(JsonNode object) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            attributes.put(field.getKey(), attribute(field.getValue()));
        }
        return attributes;
    }

    private static AttributeValue attribute(JsonNode value) {
        if (value.isTextual()) {
            return AttributeValue.fromS(value.textValue());
        }
        if (value.isNumber()) {
            return AttributeValue.fromN(value.decimalValue().toPlainString());
        }
        if (value.isBoolean()) {
            return AttributeValue.fromBool(value.booleanValue());
        }
        if (value.isNull()) {
            return AttributeValue.fromNul(true);
        }
        if (value.isArray()) {
            List<AttributeValue> list = new ArrayList<>();
            value.forEach(element -> list.add(attribute(element)));
            return AttributeValue.fromL(list);
        }
        return AttributeValue.fromM(attributes(value));
    }
}
