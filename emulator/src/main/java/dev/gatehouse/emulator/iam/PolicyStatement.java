package dev.gatehouse.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** One validated statement of an identity-based policy. */
record PolicyStatement(int index, boolean allow, List<PolicyPattern> actions, boolean notAction,
                       List<PolicyPattern> resources, boolean notResource, List<PolicyCondition> conditions) {
    private static final Set<String> FIELDS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+");

    static PolicyStatement parse(JsonNode node, int index, boolean withVariables) {
        String field = "Statement[" + index + "]";
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + ": expected an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("Principal") || name.equals("NotPrincipal")) {
                throw new IllegalArgumentException(field + "." + name + ": not allowed in an identity-based policy");
            }
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(field + "." + name + ": unknown field (expected one of "
                        + String.join(", ", List.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
                        "Condition")) + ")");
            }
        }
        if (node.has("Sid") && !node.get("Sid").isTextual()) {
            throw new IllegalArgumentException(field + ".Sid: expected a string");
        }
        JsonNode effect = node.get("Effect");
        if (effect == null || !effect.isTextual()
                || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
            throw new IllegalArgumentException(field + ".Effect: expected Allow or Deny");
        }
        String actionField = oneOf(node, field, "Action", "NotAction");
        List<PolicyPattern> actions = new ArrayList<>();
        for (String action : strings(node.get(actionField), field + "." + actionField, false)) {
            if (!ACTION.matcher(action).matches()) {
                throw new IllegalArgumentException(field + "." + actionField
                        + ": expected \"*\" or \"service:action\", got \"" + action + "\"");
            }
            actions.add(PolicyPattern.parse(action, false, field + "." + actionField));
        }
        String resourceField = oneOf(node, field, "Resource", "NotResource");
        List<PolicyPattern> resources = new ArrayList<>();
        for (String resource : strings(node.get(resourceField), field + "." + resourceField, false)) {
            if (!resource.equals("*") && !resource.startsWith("arn:")) {
                throw new IllegalArgumentException(field + "." + resourceField
                        + ": expected \"*\" or an ARN, got \"" + resource + "\"");
            }
            resources.add(PolicyPattern.parse(resource, withVariables, field + "." + resourceField));
        }
        List<PolicyCondition> conditions = node.has("Condition")
                ? PolicyCondition.parseAll(node.get("Condition"), withVariables, field + ".Condition")
                : List.of();
        return new PolicyStatement(index, effect.asText().equals("Allow"), List.copyOf(actions),
                actionField.equals("NotAction"), List.copyOf(resources), resourceField.equals("NotResource"),
                conditions);
    }

    private static String oneOf(JsonNode node, String field, String positive, String negative) {
        if (node.has(positive) == node.has(negative)) {
            throw new IllegalArgumentException(field + ": expected exactly one of " + positive + " or " + negative);
        }
        return node.has(positive) ? positive : negative;
    }

    /** A string or a non-empty array of strings (scalars too, for condition values, as IAM accepts). */
    static List<String> strings(JsonNode node, String field, boolean scalars) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> out.add(string(item, field, scalars)));
        } else {
            out.add(string(node, field, scalars));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(field + ": expected a string or a non-empty array of strings");
        }
        return out;
    }

    private static String string(JsonNode node, String field, boolean scalars) {
        if (node.isTextual() || (scalars && (node.isNumber() || node.isBoolean()))) {
            return node.asText();
        }
        throw new IllegalArgumentException(field + ": expected a string or a non-empty array of strings");
    }

    /** Whether the statement applies to this request (its effect then decides). */
    boolean applies(String action, String resourceArn, RequestContext context) {
        boolean actionListed = actions.stream().anyMatch(p -> p.matches(action, context::variable, true, true));
        if (actionListed == notAction) {
            return false;
        }
        boolean resourceListed = resources.stream()
                .anyMatch(p -> p.matches(resourceArn, context::variable, false, true));
        if (resourceListed == notResource) {
            return false;
        }
        return conditions.stream().allMatch(c -> c.holds(context));
    }
}
