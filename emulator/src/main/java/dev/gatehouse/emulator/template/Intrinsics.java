package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * CloudFormation's intrinsic functions over a JSON tree: {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} (both forms),
 * {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If}, {@code Fn::Equals}, {@code Fn::Not},
 * {@code Fn::And}, {@code Fn::Or}, {@code Fn::ImportValue}, {@code Fn::FindInMap}, {@code Fn::Base64},
 * {@code Fn::GetAZs}, {@code Fn::Length}, {@code Fn::ToJsonString}. A value resolving to {@code AWS::NoValue} is
 * left out of its object or list. A broken call is a {@link TemplateError} at its place, saying what was expected.
 */
final class Intrinsics {
    static final JsonNode NO_VALUE = MissingNode.getInstance();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What names resolve to: parameters, pseudo parameters, resources, conditions, imports, mappings. */
    interface Scope {
        JsonNode ref(String name, String pointer);

        JsonNode getAtt(String resource, String attribute, String pointer);

        boolean condition(String name, String pointer);

        JsonNode importValue(String name, String pointer);

        JsonNode findInMap(String map, String topKey, String secondKey, String pointer);

        String region();
    }

    private final Scope scope;

    Intrinsics(Scope scope) {
        this.scope = scope;
    }

    /** The value with every intrinsic function applied ({@link #NO_VALUE} for {@code AWS::NoValue}). */
    JsonNode resolve(JsonNode node, String pointer) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            String function = functionName(node, false);
            if (function != null) {
                return call(function, node.get(function), TemplateDocument.child(pointer, function));
            }
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = resolve(e.getValue(), TemplateDocument.child(pointer, e.getKey()));
                if (!value.isMissingNode()) {
                    out.set(e.getKey(), value);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = resolve(node.get(i), TemplateDocument.child(pointer, i));
                if (!value.isMissingNode()) {
                    out.add(value);
                }
            }
            return out;
        }
        return node;
    }

    /** A condition's value: {@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}, {@code Condition}. */
    boolean condition(JsonNode node, String pointer) {
        String function = node != null && node.isObject() ? functionName(node, true) : null;
        if (function == null) {
            throw new TemplateError(pointer, "expected a condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or or "
                    + "Condition), got " + describe(node));
        }
        JsonNode arg = node.get(function);
        String at = TemplateDocument.child(pointer, function);
        switch (function) {
            case "Condition" -> {
                return scope.condition(text(resolve(arg, at), at, "Condition: a condition name"), at);
            }
            case "Fn::Equals" -> {
                JsonNode args = list(arg, at, "Fn::Equals: [value, value]", 2, 2);
                return scalarText(resolve(args.get(0), TemplateDocument.child(at, 0)))
                        .equals(scalarText(resolve(args.get(1), TemplateDocument.child(at, 1))));
            }
            case "Fn::Not" -> {
                JsonNode args = list(arg, at, "Fn::Not: [condition]", 1, 1);
                return !condition(args.get(0), TemplateDocument.child(at, 0));
            }
            case "Fn::And", "Fn::Or" -> {
                JsonNode args = list(arg, at, function + ": [condition, condition, ...] (2 to 10)", 2, 10);
                boolean and = function.equals("Fn::And");
                boolean result = and;
                for (int i = 0; i < args.size(); i++) {
                    boolean c = condition(args.get(i), TemplateDocument.child(at, i));
                    result = and ? result && c : result || c;
                }
                return result;
            }
            default -> throw new TemplateError(pointer, function + " is not a condition function; expected "
                    + "Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition");
        }
    }

    private static String functionName(JsonNode node, boolean inCondition) {
        if (node.size() != 1) {
            return null;
        }
        String name = node.fieldNames().next();
        if (name.equals("Ref") || name.startsWith("Fn::") || (inCondition && name.equals("Condition"))) {
            return name;
        }
        return null;
    }

    private JsonNode call(String function, JsonNode arg, String at) {
        return switch (function) {
            case "Ref" -> {
                JsonNode name = resolve(arg, at);
                yield scope.ref(text(name, at, "Ref: the logical name of a parameter or resource"), at);
            }
            case "Fn::GetAtt" -> getAtt(arg, at);
            case "Fn::Sub" -> NODES.textNode(sub(arg, at));
            case "Fn::Join" -> {
                JsonNode args = list(arg, at, "Fn::Join: [delimiter, [values]]", 2, 2);
                String delimiter = text(resolve(args.get(0), TemplateDocument.child(at, 0)), at,
                        "Fn::Join: a delimiter string");
                JsonNode values = list(resolve(args.get(1), TemplateDocument.child(at, 1)),
                        TemplateDocument.child(at, 1), "Fn::Join: a list of values", 0, Integer.MAX_VALUE);
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < values.size(); i++) {
                    out.append(i == 0 ? "" : delimiter).append(scalarText(values.get(i), TemplateDocument.child(at, 1)));
                }
                yield NODES.textNode(out.toString());
            }
            case "Fn::Select" -> {
                JsonNode args = list(arg, at, "Fn::Select: [index, [values]]", 2, 2);
                JsonNode index = resolve(args.get(0), TemplateDocument.child(at, 0));
                JsonNode values = list(resolve(args.get(1), TemplateDocument.child(at, 1)),
                        TemplateDocument.child(at, 1), "Fn::Select: a list of values", 0, Integer.MAX_VALUE);
                String indexText = scalarText(index, TemplateDocument.child(at, 0));
                if (!indexText.matches("\\d+")) {
                    throw new TemplateError(TemplateDocument.child(at, 0), "Fn::Select: expected an index, got "
                            + describe(index));
                }
                int i = Integer.parseInt(indexText);
                if (i >= values.size()) {
                    throw new TemplateError(at, "Fn::Select: index " + i + " is out of bounds of a list of "
                            + values.size());
                }
                yield values.get(i);
            }
            case "Fn::Split" -> {
                JsonNode args = list(arg, at, "Fn::Split: [delimiter, string]", 2, 2);
                String delimiter = text(resolve(args.get(0), TemplateDocument.child(at, 0)), at,
                        "Fn::Split: a delimiter string");
                if (delimiter.isEmpty()) {
                    throw new TemplateError(at, "Fn::Split: expected a non-empty delimiter");
                }
                String source = text(resolve(args.get(1), TemplateDocument.child(at, 1)),
                        TemplateDocument.child(at, 1), "Fn::Split: a string");
                ArrayNode out = NODES.arrayNode();
                for (String part : source.split(java.util.regex.Pattern.quote(delimiter), -1)) {
                    out.add(part);
                }
                yield out;
            }
            case "Fn::If" -> {
                JsonNode args = list(arg, at, "Fn::If: [condition name, value if true, value if false]", 3, 3);
                String name = text(args.get(0), TemplateDocument.child(at, 0), "Fn::If: a condition name");
                int pick = scope.condition(name, TemplateDocument.child(at, 0)) ? 1 : 2;
                yield resolve(args.get(pick), TemplateDocument.child(at, pick));
            }
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> {
                ObjectNode wrapped = NODES.objectNode();
                wrapped.set(function, arg);
                yield NODES.booleanNode(condition(wrapped, at.substring(0, at.lastIndexOf('/'))));
            }
            case "Fn::ImportValue" -> scope.importValue(text(resolve(arg, at), at,
                    "Fn::ImportValue: the name of an exported output"), at);
            case "Fn::FindInMap" -> {
                JsonNode args = list(arg, at, "Fn::FindInMap: [map name, top-level key, second-level key]", 3, 3);
                String[] keys = new String[3];
                for (int i = 0; i < 3; i++) {
                    keys[i] = scalarText(resolve(args.get(i), TemplateDocument.child(at, i)),
                            TemplateDocument.child(at, i));
                }
                yield scope.findInMap(keys[0], keys[1], keys[2], at);
            }
            case "Fn::Base64" -> NODES.textNode(Base64.getEncoder().encodeToString(
                    text(resolve(arg, at), at, "Fn::Base64: a string").getBytes(StandardCharsets.UTF_8)));
            case "Fn::GetAZs" -> {
                String region = resolve(arg, at).asText("");
                String r = region.isEmpty() ? scope.region() : region;
                yield NODES.arrayNode().add(r + "a").add(r + "b").add(r + "c");
            }
            case "Fn::Length" -> NODES.numberNode(list(resolve(arg, at), at, "Fn::Length: a list", 0,
                    Integer.MAX_VALUE).size());
            case "Fn::ToJsonString" -> {
                try {
                    yield NODES.textNode(TemplateDocument.JSON.writeValueAsString(resolve(arg, at)));
                } catch (JsonProcessingException e) {
                    throw new TemplateError(at, "Fn::ToJsonString: " + e.getOriginalMessage());
                }
            }
            default -> throw new TemplateError(at, "unknown function " + function + "; Gatehouse reads Ref, "
                    + "Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If, Fn::Equals, Fn::Not, Fn::And, "
                    + "Fn::Or, Fn::ImportValue, Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::Length, "
                    + "Fn::ToJsonString");
        };
    }

    private JsonNode getAtt(JsonNode arg, String at) {
        JsonNode resolved = resolve(arg, at);
        if (resolved.isTextual() && resolved.asText().indexOf('.') > 0) {
            String s = resolved.asText();
            return scope.getAtt(s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1), at);
        }
        if (!resolved.isArray() || resolved.size() != 2 || !resolved.get(0).isTextual()
                || !resolved.get(1).isTextual()) {
            throw new TemplateError(at, "Fn::GetAtt: expected [resource, attribute] or \"Resource.Attribute\", got "
                    + describe(resolved));
        }
        return scope.getAtt(resolved.get(0).asText(), resolved.get(1).asText(), at);
    }

    /** {@code "text ${Name} ${Res.Attr} ${!Literal}"} or {@code [text, {Name: value}]}. */
    private String sub(JsonNode arg, String at) {
        String template;
        JsonNode variables = null;
        if (arg != null && arg.isTextual()) {
            template = arg.asText();
        } else if (arg != null && arg.isArray() && arg.size() == 2 && arg.get(0).isTextual()
                && arg.get(1).isObject()) {
            template = arg.get(0).asText();
            variables = arg.get(1);
        } else {
            throw new TemplateError(at, "Fn::Sub: expected a string or [string, {Name: value}], got " + describe(arg));
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("${", i);
            if (start < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, start);
            int end = template.indexOf('}', start);
            if (end < 0) {
                throw new TemplateError(at, "Fn::Sub: \"${\" without its closing \"}\" in \"" + template + "\"");
            }
            String name = template.substring(start + 2, end);
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}');
            } else {
                out.append(subVariable(name.trim(), variables, at));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private String subVariable(String name, JsonNode variables, String at) {
        if (name.isEmpty()) {
            throw new TemplateError(at, "Fn::Sub: an empty ${} in the string");
        }
        if (variables != null && variables.has(name)) {
            String vat = TemplateDocument.child(TemplateDocument.child(at, 1), name);
            return scalarText(resolve(variables.get(name), vat), vat);
        }
        JsonNode value;
        int dot = name.indexOf('.');
        if (dot > 0 && !name.startsWith("AWS::")) {
            value = scope.getAtt(name.substring(0, dot), name.substring(dot + 1), at);
        } else {
            value = scope.ref(name, at);
        }
        return scalarText(value, at);
    }

    private static JsonNode list(JsonNode node, String at, String expected, int min, int max) {
        if (node == null || !node.isArray() || node.size() < min || node.size() > max) {
            throw new TemplateError(at, "expected " + expected + ", got " + describe(node));
        }
        return node;
    }

    private static String text(JsonNode node, String at, String expected) {
        if (node == null || !node.isTextual()) {
            throw new TemplateError(at, "expected " + expected + ", got " + describe(node));
        }
        return node.asText();
    }

    /** A string, number or boolean as the text CloudFormation would substitute. */
    static String scalarText(JsonNode node, String at) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new TemplateError(at, "expected a string, got " + describe(node));
        }
        return node.asText();
    }

    private static String scalarText(JsonNode node) {
        return node != null && node.isValueNode() ? node.asText() : String.valueOf(node);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing (AWS::NoValue)";
        }
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
            return "a list of " + node.size();
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }
}
