package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads request members the way Cognito validates them: a missing, wrongly typed or malformed member is an
 * InvalidParameterException naming the member in lowerCamel form, as AWS's validation messages do.
 */
final class Input {
    static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final Pattern CLIENT_ID = Pattern.compile("[\\w+]+");
    static final Pattern USER_POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    static final Pattern NON_BLANK = Pattern.compile("[\\S]+");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final JsonNode node;

    Input(JsonNode node) {
        this.node = node;
    }

    /** A required string member matching {@code pattern}, at most {@code max} characters. */
    String required(String member, Pattern pattern, int max) {
        return optional(member, pattern, max).orElseThrow(() -> error("Value null at '" + camel(member)
                + "' failed to satisfy constraint: Member must not be null"));
    }

    Optional<String> optional(String member, Pattern pattern, int max) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw error("Value at '" + camel(member) + "' failed to satisfy constraint: Member must be a string");
        }
        String s = v.textValue();
        if (s.isEmpty()) {
            throw error("Value at '" + camel(member)
                    + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        if (s.length() > max) {
            throw error("Value at '" + camel(member)
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw error("Value at '" + camel(member)
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern);
        }
        return Optional.of(s);
    }

    Optional<Boolean> optionalBoolean(String member) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw error("Value at '" + camel(member) + "' failed to satisfy constraint: Member must be a boolean");
        }
        return Optional.of(v.booleanValue());
    }

    Optional<Integer> optionalInt(String member, int min, int max) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw error("Value '" + v + "' at '" + camel(member) + "' failed to satisfy constraint: Member must have "
                    + "value between " + min + " and " + max);
        }
        return Optional.of(v.intValue());
    }

    /** A map of strings ({@code AuthParameters}, {@code ChallengeResponses}); empty when absent. */
    Map<String, String> stringMap(String member) {
        JsonNode v = node.get(member);
        Map<String, String> map = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return map;
        }
        if (!v.isObject()) {
            throw error("Value at '" + camel(member) + "' failed to satisfy constraint: Member must be a map");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw error("Value at '" + camel(member) + "." + e.getKey()
                        + "' failed to satisfy constraint: Member must be a string");
            }
            map.put(e.getKey(), e.getValue().textValue());
        }
        return map;
    }

    /** {@code [{"Name":..,"Value":..}]} as a map; empty when absent. */
    Map<String, String> attributes(String member) {
        JsonNode v = node.get(member);
        Map<String, String> map = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return map;
        }
        if (!v.isArray()) {
            throw error("Value at '" + camel(member) + "' failed to satisfy constraint: Member must be a list");
        }
        int i = 1;
        for (JsonNode a : v) {
            JsonNode name = a.get("Name");
            JsonNode value = a.get("Value");
            if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
                throw error("Value null at '" + camel(member) + "." + i + ".member.name' failed to satisfy "
                        + "constraint: Member must not be null");
            }
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw error("Value at '" + camel(member) + "." + i + ".member.value' failed to satisfy "
                        + "constraint: Member must be a string");
            }
            map.put(name.textValue(), value == null || value.isNull() ? "" : value.textValue());
            i++;
        }
        return map;
    }

    static AwsJsonError error(String oneValidationError) {
        return AwsJsonError.invalidParameter("1 validation error detected: " + oneValidationError);
    }

    private static String camel(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
