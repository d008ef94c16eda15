package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.config.ConfigException;
import dev.gatehouse.emulator.config.JsonLines;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A template's text as a tree (YAML short tags already turned into their {@code Fn::} long forms), with the line on
 * which each value starts, by JSON pointer: so every problem can say {@code file:line: Resources.X.Properties.Y: ...}.
 */
final class TemplateDocument {
    /** Names written after a dot: CloudFormation's {@code Fn::If} and {@code AWS::Region} keep their colons. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_:]*");

    static final ObjectMapper JSON = new ObjectMapper();

    private final String file;
    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final JsonLines jsonLines;

    private TemplateDocument(String file, JsonNode root, Map<String, Integer> lines, JsonLines jsonLines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
        this.jsonLines = jsonLines;
    }

    /** JSON when the text starts with {@code {}, else YAML (of which JSON is nearly a subset). */
    static TemplateDocument parse(String text, String file) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{")) {
            try {
                return new TemplateDocument(file, JSON.readTree(text), null, new JsonLines(text));
            } catch (JsonProcessingException e) {
                throw new ConfigException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: "
                        + e.getOriginalMessage());
            } catch (IOException e) {
                throw new ConfigException(file + ": cannot read: " + e.getMessage());
            }
        }
        YamlTree tree = YamlTree.read(text, file);
        return new TemplateDocument(file, tree.root(), tree.lines(), null);
    }

    JsonNode root() {
        return root;
    }

    String file() {
        return file;
    }

    /** The line of the value at {@code pointer}, or of its nearest ancestor that has one. */
    int lineOf(String pointer) {
        if (jsonLines != null) {
            return jsonLines.lineOf(pointer);
        }
        return JsonLines.nearestLine(lines, pointer);
    }

    /** {@code file:line: Resources.Api.Properties.Auth: message} */
    String problem(String pointer, String message) {
        return file + ":" + lineOf(pointer) + ": " + display(pointer) + ": " + message;
    }

    static String child(String pointer, String field) {
        return pointer + "/" + JsonLines.escape(field);
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** {@code /Resources/Api/Properties/Events/0} → {@code Resources.Api.Properties.Events[0]}. */
    static String display(String pointer) {
        return JsonLines.display(pointer, PLAIN_NAME);
    }
}
