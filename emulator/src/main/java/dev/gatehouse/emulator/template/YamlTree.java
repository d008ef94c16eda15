package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.config.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML template read with SnakeYAML's composer (which keeps each node's line) into a JSON tree, turning
 * CloudFormation's short tags into their long forms: {@code !Ref X} → {@code {"Ref": "X"}}, {@code !GetAtt A.B} →
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub ...} → {@code {"Fn::Sub": ...}}, {@code !Condition C} →
 * {@code {"Condition": "C"}}. An unknown tag is an error naming its line.
 */
record YamlTree(JsonNode root, Map<String, Integer> lines) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "If", "Equals", "Not", "And", "Or",
            "Length", "ToJsonString");

    static YamlTree read(String text, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(16 * 1024 * 1024);
        Node node;
        try {
            node = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new ConfigException(file + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file + ":1: not valid YAML: " + e.getMessage());
        }
        if (node == null) {
            throw new ConfigException(file + ":1: (top level): expected a template, got an empty file");
        }
        Map<String, Integer> lines = new HashMap<>();
        List<String> problems = new ArrayList<>();
        JsonNode root = new Converter(file, lines, problems).convert(node, "");
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new YamlTree(root, lines);
    }

    private record Converter(String file, Map<String, Integer> lines, List<String> problems) {
        JsonNode convert(Node node, String pointer) {
            lines.putIfAbsent(pointer, node.getStartMark().getLine() + 1);
            String tag = node.getTag().getValue();
            if (tag.startsWith("!")) {
                return shortForm(node, tag.substring(1), pointer);
            }
            return plain(node, pointer);
        }

        private JsonNode plain(Node node, String pointer) {
            if (node instanceof MappingNode map) {
                ObjectNode out = NODES.objectNode();
                for (NodeTuple tuple : map.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                        problems.add(file + ":" + (tuple.getKeyNode().getStartMark().getLine() + 1)
                                + ": expected a plain key");
                        continue;
                    }
                    String child = TemplateDocument.child(pointer, key.getValue());
                    lines.put(child, key.getStartMark().getLine() + 1);
                    out.set(key.getValue(), convert(tuple.getValueNode(), child));
                }
                return out;
            }
            if (node instanceof SequenceNode seq) {
                ArrayNode out = NODES.arrayNode();
                for (int i = 0; i < seq.getValue().size(); i++) {
                    out.add(convert(seq.getValue().get(i), TemplateDocument.child(pointer, i)));
                }
                return out;
            }
            return scalar((ScalarNode) node);
        }

        private static JsonNode scalar(ScalarNode s) {
            String value = s.getValue();
            if (s.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN) {
                return NODES.textNode(value);
            }
            Tag tag = s.getTag();
            try {
                if (Tag.NULL.equals(tag)) {
                    return NODES.nullNode();
                }
                if (Tag.BOOL.equals(tag)) {
                    String v = value.toLowerCase(java.util.Locale.ROOT);
                    return NODES.booleanNode(v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y"));
                }
                if (Tag.INT.equals(tag) && value.matches("[-+]?\\d+")) {
                    return NODES.numberNode(new BigInteger(value));
                }
                if (Tag.FLOAT.equals(tag) && value.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    return NODES.numberNode(new BigDecimal(value));
                }
            } catch (NumberFormatException e) {
                return NODES.textNode(value);
            }
            return NODES.textNode(value);
        }

        /** {@code !Ref x}, {@code !GetAtt a.b}, {@code !Sub ...}, {@code !Condition c}, ... */
        private JsonNode shortForm(Node node, String name, String pointer) {
            String longName;
            if (name.equals("Ref") || name.equals("Condition")) {
                longName = name;
            } else if (FUNCTIONS.contains(name)) {
                longName = "Fn::" + name;
            } else {
                problems.add(file + ":" + (node.getStartMark().getLine() + 1) + ": " + TemplateDocument.display(pointer)
                        + ": unknown tag !" + name + "; expected one of !Ref, !Condition, !"
                        + String.join(", !", FUNCTIONS));
                return NODES.nullNode();
            }
            String inner = TemplateDocument.child(pointer, longName);
            lines.put(inner, node.getStartMark().getLine() + 1);
            JsonNode argument = plain(node, inner);
            if (longName.equals("Fn::GetAtt") && argument.isTextual()) {
                String text = argument.asText();
                int dot = text.indexOf('.');
                ArrayNode parts = NODES.arrayNode();
                if (dot > 0) {
                    parts.add(text.substring(0, dot)).add(text.substring(dot + 1));
                } else {
                    parts.add(text);
                }
                argument = parts;
            }
            ObjectNode out = NODES.objectNode();
            out.set(longName, argument);
            return out;
        }
    }
}
