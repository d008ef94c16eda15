package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The query as the verifier reads it: name=value pairs split on '&', then on the first '='. */
class QueryParameterTest {

    private static String read(String rawQuery) {
        List<QueryParameter> params = QueryParameter.parse(rawQuery);
        StringBuilder out = new StringBuilder();
        for (QueryParameter p : params) {
            out.append('[').append(p.name()).append('|').append(p.value()).append(']');
        }
        return out.toString();
    }

    @Test
    void empty_parts_are_skipped_wherever_they_are() {
        assertEquals("[a|1]", read("&a=1"));
        assertEquals("[a|1][b|2]", read("a=1&&b=2&"));
        assertEquals("", read(""));
        assertEquals("", read(null));
    }

    @Test
    void a_part_starting_with_equals_has_an_empty_name() {
        assertEquals("[|v]", read("=v"));
        assertEquals("[a|b=c]", read("a=b=c"));
        assertEquals("[flag|]", read("flag"));
    }

    @Test
    void a_parameter_prints_its_name_only_never_its_value() {
        QueryParameter token = QueryParameter.parse("X-Amz-Security-Token=secret-session-token").get(0);
        assertEquals("QueryParameter[X-Amz-Security-Token]", token.toString());
        assertFalse(token.toString().contains("secret"));
    }
}
