package dev.gatehouse.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One condition of a statement. Gatehouse supports only what identity pool role policies use: the operators
 * {@code StringEquals} and {@code StringLike} (also as {@code ForAnyValue:...}) on the context keys
 * {@code cognito-identity.amazonaws.com:sub} (the identity id), {@code :aud} (the identity pool id) and {@code :amr}
 * (multivalued, so only with {@code ForAnyValue:}). A policy with any other condition is refused when loaded, rather
 * than evaluated more loosely than IAM would.
 */
record PolicyCondition(String operator, boolean like, String key, List<PolicyPattern> values) {
    static final String AMR = "cognito-identity.amazonaws.com:amr";
    private static final List<String> KEYS = List.of(PolicyPattern.SUB, PolicyPattern.AUD, AMR);

    static List<PolicyCondition> parseAll(JsonNode block, boolean withVariables, String field) {
        if (!block.isObject()) {
            throw new IllegalArgumentException(field + ": expected an object of condition operators");
        }
        List<PolicyCondition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> op = it.next();
            String operator = op.getKey();
            String bare = operator.startsWith("ForAnyValue:") ? operator.substring("ForAnyValue:".length()) : operator;
            if (!bare.equals("StringEquals") && !bare.equals("StringLike")) {
                throw new IllegalArgumentException(field + "." + operator + ": unsupported condition operator"
                        + " (supported: StringEquals, StringLike, ForAnyValue:StringEquals, ForAnyValue:StringLike)");
            }
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw new IllegalArgumentException(field + "." + operator + ": expected an object of condition keys");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = keys.next();
                String keyField = field + "." + operator + "." + entry.getKey();
                String key = entry.getKey().toLowerCase(Locale.ROOT);
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException(keyField + ": unsupported condition key (supported: "
                            + String.join(", ", KEYS) + ")");
                }
                if (key.equals(AMR) && bare.equals(operator)) {
                    throw new IllegalArgumentException(keyField + ": " + AMR + " is multivalued: use ForAnyValue:"
                            + operator);
                }
                List<PolicyPattern> values = new ArrayList<>();
                for (String value : PolicyStatement.strings(entry.getValue(), keyField, true)) {
                    values.add(PolicyPattern.parse(value, withVariables, keyField));
                }
                conditions.add(new PolicyCondition(operator, bare.equals("StringLike"), key, List.copyOf(values)));
            }
        }
        return List.copyOf(conditions);
    }

    /** True when some value of the key in the request context matches some value of the condition. */
    boolean holds(RequestContext context) {
        for (String actual : context.values(key)) {
            for (PolicyPattern expected : values) {
                if (expected.matches(actual, context::variable, false, like)) {
                    return true;
                }
            }
        }
        return false;
    }
}
