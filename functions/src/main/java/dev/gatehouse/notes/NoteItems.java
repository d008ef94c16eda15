package dev.gatehouse.notes;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Notes as DynamoDB items and as the JSON objects the API answers with. */
final class NoteItems {
    /** Newest first by createdAt; notes without createdAt last; ties in noteId order, so the order is stable. */
    static final Comparator<Map<String, AttributeValue>> NEWEST_FIRST = Comparator
            .comparing((Map<String, AttributeValue> item) -> createdAt(item),
                    Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
            .thenComparing(item -> item.get("noteId").s());

    private NoteItems() {
    }

    /** A new note of {@code userId}: a fresh uuid, the given fields (a null field is not stored), createdAt now. */
    static Map<String, AttributeValue> newNote(String userId, NoteBody body, long createdAtMillis) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("userId", NotesTable.s(userId));
        item.put("noteId", NotesTable.s(UUID.randomUUID().toString()));
        if (body.content() != null) {
            item.put("content", NotesTable.s(body.content()));
        }
        if (body.attachment() != null) {
            item.put("attachment", NotesTable.s(body.attachment()));
        }
        item.put("createdAt", AttributeValue.fromN(Long.toString(createdAtMillis)));
        return item;
    }

    /** The item as JSON: userId, noteId, content, attachment, createdAt first, any other attribute after them. */
    static Map<String, Object> toJson(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String name : List.of("userId", "noteId", "content", "attachment", "createdAt")) {
            if (item.containsKey(name)) {
                json.put(name, value(item.get(name)));
            }
        }
        new TreeMap<>(item).forEach((name, value) -> json.putIfAbsent(name, value(value)));
        return json;
    }

    private static Object value(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> number(value.n());
            case BOOL -> value.bool();
            case NUL -> null;
            case L -> value.l().stream().map(NoteItems::value).toList();
            case M -> toJson(value.m());
            case SS -> value.ss();
            case NS -> value.ns().stream().map(NoteItems::number).toList();
            default -> throw new IllegalStateException("Unsupported attribute type " + value.type());
        };
    }

    private static Object number(String text) {
        BigDecimal number = new BigDecimal(text);
        try {
            return number.longValueExact();
        } catch (ArithmeticException notALong) {
            return number;
        }
    }

    private static BigDecimal createdAt(Map<String, AttributeValue> item) {
        AttributeValue createdAt = item.get("createdAt");
        return createdAt == null || createdAt.n() == null ? null : new BigDecimal(createdAt.n());
    }
}
