package dev.gatehouse.notes;

import java.math.BigDecimal;
import java.util.ArrayList;
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
    private static final Comparator<Keyed> NEWEST_FIRST = Comparator
            .comparing(Keyed::createdAt, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
            .thenComparing(Keyed::noteId);

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

    /**
     * The items newest first ({@link #NEWEST_FIRST}); each item's createdAt is read once, not once per comparison (a
     * list of a few hundred notes made thousands of BigDecimals per call that way).
     */
    static List<Map<String, AttributeValue>> newestFirst(List<Map<String, AttributeValue>> items) {
        List<Keyed> keyed = new ArrayList<>(items.size());
        for (Map<String, AttributeValue> item : items) {
            AttributeValue noteId = item.get("noteId");
            keyed.add(new Keyed(createdAt(item), noteId == null ? null : noteId.s(), item));
        }
        keyed.sort(NEWEST_FIRST);
        List<Map<String, AttributeValue>> sorted = new ArrayList<>(keyed.size());
        for (Keyed k : keyed) {
            sorted.add(k.item());
        }
        return sorted;
    }

    private record Keyed(BigDecimal createdAt, String noteId, Map<String, AttributeValue> item) {
    }

    /** The item as JSON: userId, noteId, content, attachment, createdAt first, any other attribute after them. */
    static Map<String, Object> toJson(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String name : FIRST) {
            AttributeValue value = item.get(name);
            if (value != null) {
                json.put(name, value(value));
            }
        }
        if (json.size() < item.size()) { // other attributes, in name order
            new TreeMap<>(item).forEach((name, value) -> json.putIfAbsent(name, value(value)));
        }
        return json;
    }

    private static final List<String> FIRST = List.of("userId", "noteId", "content", "attachment", "createdAt");

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
        if (isPlainLong(text)) { // most numbers here (createdAt): the same value as the BigDecimal way, without it
            return Long.parseLong(text);
        }
        BigDecimal number = new BigDecimal(text);
        try {
            return number.longValueExact();
        } catch (ArithmeticException notALong) {
            return number;
        }
    }

    /** An optional '-' and 1 to 18 decimal digits: always a long, whatever the digits. */
    private static boolean isPlainLong(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int digits = text.length() - start;
        if (digits < 1 || digits > 18) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal createdAt(Map<String, AttributeValue> item) {
        AttributeValue createdAt = item.get("createdAt");
        return createdAt == null || createdAt.n() == null ? null : new BigDecimal(createdAt.n());
    }
}
