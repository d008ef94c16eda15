package dev.gatehouse.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The JSON body of a create or update: {@code {"content": string|null, "attachment": string|null}}, other fields
 * ignored. No body at all means the guide's default {@code {"content":"","attachment":""}}. A {@code null} field is
 * the same as a field left out.
 */
record NoteBody(String content, String attachment) {
    /** What fits in one DynamoDB item (400 KB) next to the keys, attribute names and createdAt. */
    static final int MAX_NOTE_BYTES = 400_000;

    private static final ObjectReader READER = ApiResponses.JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static NoteBody parse(Optional<String> body) {
        if (body.isEmpty()) {
            return new NoteBody("", "");
        }
        JsonNode root;
        try {
            root = READER.readTree(body.get());
        } catch (JsonProcessingException e) {
            throw new BadRequest("Request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("Request body must be a JSON object, not " + describe(root));
        }
        NoteBody note = new NoteBody(text(root, "content"), text(root, "attachment"));
        if (note.bytes() > MAX_NOTE_BYTES) {
            throw new BadRequest("content and attachment together must be at most " + MAX_NOTE_BYTES
                    + " bytes (UTF-8), got " + note.bytes());
        }
        return note;
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequest("Field " + field + " must be a string or null, not " + describe(value));
        }
        return value.textValue();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private int bytes() {
        return utf8Length(content) + utf8Length(attachment);
    }

    private static int utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
