package dev.gatehouse.emulator.apigateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Percent-decoding of paths and query parts, and the query parameters built from it. */
class PercentDecodingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/notes/a%20b|/notes/a b",
            "/notes/a+b|/notes/a+b",
            "/a%2Fb|/a/b",
            "/a%2fb|/a/b",
            "/caf%C3%A9|/café",
            "/café|/café",
            "/\uD83D\uDE00%21|/\uD83D\uDE00!",
            "/%41|/A",
            "/%zz|/%zz",
            "/%4|/%4",
            "/%|/%",
            "/%4g%41|/%4gA",
            "/%g4|/%g4",
    })
    void a_path_is_decoded_with_malformed_escapes_kept(String raw, String decoded) {
        assertEquals(decoded, PercentDecoding.path(raw));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "a+b|a b",
            "a%2Bb|a+b",
            "a%20b+c|a b c",
            "plain|plain",
            "%41|A",
            "'+a'|' a'",
            "%|%",
    })
    void a_query_part_is_decoded_with_plus_as_space(String raw, String decoded) {
        assertEquals(decoded, PercentDecoding.query(raw));
    }

    @Test
    void escapes_with_a_zero_digit_are_decoded() {
        assertEquals("/0", PercentDecoding.path("/%30"));
        assertEquals("/\n", PercentDecoding.path("/%0A"));
        assertEquals("/\u0000", PercentDecoding.path("/%00"));
    }

    @Test
    void query_parameters_skip_empty_pairs_and_names_and_join_repeats() {
        assertEquals(Map.of("a", List.of("1", "2"), "flag", List.of(""), "b", List.of("x=y")),
                QueryString.multiValue("a=1&&flag&=nameless&b=x%3Dy&a=2"));
        assertEquals(List.of("a", "flag", "b"), List.copyOf(QueryString.multiValue("a=1&&flag&=v&b=x&a=2").keySet()),
                "in order of first appearance");
        assertEquals(Map.of("a", "1,2", "flag", ""), QueryString.parameters("a=1&flag&a=2"));
        assertEquals(Map.of(), QueryString.parameters(null));
        assertEquals(Map.of(), QueryString.parameters(""));
        assertEquals(Map.of(), QueryString.parameters("&&"));
    }
}
