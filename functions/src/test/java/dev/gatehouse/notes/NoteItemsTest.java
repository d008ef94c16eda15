package dev.gatehouse.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The list's order and the JSON a note is answered as, item by item (no database: the items are given). */
class NoteItemsTest {
    @Test
    void newest_first_then_notes_without_created_at_ties_in_note_id_order() {
        List<Map<String, AttributeValue>> items = List.of(
                note("n-old", AttributeValue.fromN("1700000000000")),
                note("n-none", null),
                note("n-tie-b", AttributeValue.fromN("1700000005000")),
                note("n-text", AttributeValue.fromS("1800000000000")), // not a number: sorted as without one
                note("n-decimal", AttributeValue.fromN("1700000005000.5")),
                note("n-tie-a", AttributeValue.fromN("1700000005000")),
                note("n-exponent", AttributeValue.fromN("1.7E+12"))); // equal to n-old: a tie

        List<String> order = NoteItems.newestFirst(items).stream().map(i -> i.get("noteId").s()).toList();

        assertEquals(List.of("n-decimal", "n-tie-a", "n-tie-b", "n-exponent", "n-old", "n-none", "n-text"), order);
    }

    @Test
    void known_fields_first_then_the_others_in_name_order_with_numbers_as_json_numbers()
            throws JsonProcessingException {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("zeta", AttributeValue.fromN("12345678901234567890")); // more than a long
        item.put("createdAt", AttributeValue.fromN("1773342000000"));
        item.put("alpha", AttributeValue.fromNs(List.of("007", "-0", "2.50")));
        item.put("noteId", AttributeValue.fromS("n1"));
        item.put("userId", AttributeValue.fromS("u1"));
        item.put("nested", AttributeValue.fromM(Map.of("b", AttributeValue.fromBool(true),
                "a", AttributeValue.fromL(List.of(AttributeValue.fromN("-42"), AttributeValue.fromNul(true))))));

        String json = ApiResponses.JSON.writeValueAsString(NoteItems.toJson(item));

        assertEquals("{\"userId\":\"u1\",\"noteId\":\"n1\",\"createdAt\":1773342000000,\"alpha\":[7,0,2.50],"
                + "\"nested\":{\"a\":[-42,null],\"b\":true},\"zeta\":12345678901234567890}", json);
    }

    @Test
    void numbers_are_longs_where_they_fit_exactly_else_big_decimals() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("0", 0L);
        expected.put("-0", 0L);
        expected.put("007", 7L);
        expected.put("-123456789012345678", -123456789012345678L);
        expected.put("1234567890123456789", 1234567890123456789L); // 19 digits, still a long
        expected.put("1E+3", 1000L);
        expected.put("-9999999999999999999", new BigDecimal("-9999999999999999999"));
        expected.put("1.5", new BigDecimal("1.5"));
        expected.put("2.0", new BigDecimal("2.0").longValueExact());
        expected.forEach((text, number) ->
                assertEquals(number, NoteItems.toJson(Map.of("n", AttributeValue.fromN(text))).get("n"), text));
    }

    private static Map<String, AttributeValue> note(String noteId, AttributeValue createdAt) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("userId", AttributeValue.fromS("u1"));
        item.put("noteId", AttributeValue.fromS(noteId));
        if (createdAt != null) {
            item.put("createdAt", createdAt);
        }
        return item;
    }
}
