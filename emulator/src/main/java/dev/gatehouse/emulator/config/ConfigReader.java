package dev.gatehouse.emulator.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads fields off the configuration tree and collects every problem with where it is, instead of stopping at the
 * first: a user fixes a broken file in one go.
 */
final class ConfigReader {
    private final String file;
    private final JsonLines lines;
    private final List<String> problems = new ArrayList<>();

    ConfigReader(String file, JsonLines lines) {
        this.file = file;
        this.lines = lines;
    }

    List<String> problems() {
        return problems;
    }

    void problem(String pointer, String message) {
        problems.add(file + ":" + lines.lineOf(pointer) + ": " + display(pointer) + ": " + message);
    }

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** {@code /routes/GET ~1notes/handler} → {@code routes["GET /notes"].handler}. */
    static String display(String pointer) {
        return JsonLines.display(pointer, PLAIN_NAME);
    }

    static String child(String pointer, String field) {
        return pointer + "/" + JsonLines.escape(field);
    }

    JsonNode object(JsonNode parent, String pointer, String field, boolean required) {
        JsonNode node = parent.get(field);
        String at = child(pointer, field);
        if (node == null || node.isNull()) {
            if (required) {
                problem(at, "missing; expected an object");
            }
            return null;
        }
        if (!node.isObject()) {
            problem(at, "expected an object, got " + describe(node));
            return null;
        }
        return node;
    }

    JsonNode array(JsonNode parent, String pointer, String field, boolean required) {
        JsonNode node = parent.get(field);
        String at = child(pointer, field);
        if (node == null || node.isNull()) {
            if (required) {
                problem(at, "missing; expected an array");
            }
            return null;
        }
        if (!node.isArray()) {
            problem(at, "expected an array, got " + describe(node));
            return null;
        }
        return node;
    }

    String string(JsonNode parent, String pointer, String field, Pattern pattern, String expected, String fallback) {
        JsonNode node = parent.get(field);
        String at = child(pointer, field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                problem(at, "missing; expected " + expected);
            }
            return fallback;
        }
        if (!node.isTextual()) {
            problem(at, "expected " + expected + ", got " + describe(node));
            return fallback;
        }
        String value = node.asText();
        if (pattern != null && !pattern.matcher(value).matches()) {
            problem(at, "expected " + expected + ", got \"" + value + "\"");
        }
        return value;
    }

    /** An optional array of strings, each matching {@code each}; empty when absent. */
    List<String> strings(JsonNode parent, String pointer, String field, Pattern each, String expected) {
        JsonNode node = array(parent, pointer, field, false);
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String at = child(pointer, field) + "/" + i;
            if (!element.isTextual() || !each.matcher(element.asText()).matches()) {
                problem(at, "expected " + expected + ", got " + describe(element));
            } else {
                values.add(element.asText());
            }
        }
        return values;
    }

    int integer(JsonNode parent, String pointer, String field, int min, int max, int fallback) {
        JsonNode node = parent.get(field);
        String at = child(pointer, field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            problem(at, "expected a whole number from " + min + " to " + max + ", got " + describe(node));
            return fallback;
        }
        return node.asInt();
    }

    boolean bool(JsonNode parent, String pointer, String field, boolean fallback) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            problem(child(pointer, field), "expected true or false, got " + describe(node));
            return fallback;
        }
        return node.asBoolean();
    }

    Map<String, String> stringMap(JsonNode parent, String pointer, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode node = object(parent, pointer, field, false);
        if (node == null) {
            return out;
        }
        String at = child(pointer, field);
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                problem(child(at, e.getKey()), "expected a string, got " + describe(e.getValue()));
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    void eachElement(JsonNode array, String pointer, Consumer<Element> action) {
        for (int i = 0; i < array.size(); i++) {
            action.accept(new Element(array.get(i), pointer + "/" + i));
        }
    }

    record Element(JsonNode node, String pointer) {
    }

    /** Reports fields the schema does not know: a misspelt field is an error, not a silent default. */
    void noUnknownFields(JsonNode node, String pointer, Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                problem(child(pointer, name), "unknown field; expected one of " + String.join(", ", known));
            }
        }
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + node.asText() + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }
}
