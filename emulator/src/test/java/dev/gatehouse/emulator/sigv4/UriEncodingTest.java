package dev.gatehouse.emulator.sigv4;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Percent-encoding and decoding as the canonical request needs them: RFC 3986 (so {@code +} stays {@code +}), UTF-8,
 * and only within the given range of the string (the verifier decodes a path or a query parameter in place). Each
 * case guards a boundary the SigV4 vectors do not reach.
 */
class UriEncodingTest {

    private static String encode(String s, int from, int to, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        UriEncoding.encode(s, from, to, keepSlash, out);
        return out.toString();
    }

    @Test
    void encodes_everything_but_the_unreserved_characters_as_utf8() {
        assertEquals("AZaz09-._~", UriEncoding.encode("AZaz09-._~"));
        assertEquals("a%20b%2Bc%2F%3D%25", UriEncoding.encode("a b+c/=%"));
        assertEquals("%C3%A9%F0%9F%98%80", UriEncoding.encode("é😀"));
        assertEquals("%7F%C2%80", UriEncoding.encode("\u007f\u0080"), "the first character past ASCII is encoded");
    }

    @Test
    void keeps_slashes_only_when_asked() {
        assertEquals("/a%20b/c", encode("/a b/c", 0, 6, true));
        assertEquals("%2Fa%20b%2Fc", encode("/a b/c", 0, 6, false));
    }

    @Test
    void encodes_only_the_given_range_and_never_reads_a_surrogate_pair_across_its_end() {
        assertEquals("b%20c", encode("xb cy", 1, 4, false));
        String smile = "😀"; // a high and a low surrogate
        assertEquals("%3F", encode(smile, 0, 1, false), "half a pair inside the range is a lone surrogate");
        assertEquals("%F0%9F%98%80", encode(smile, 0, 2, false));
    }

    @Test
    void decodes_percent_escapes_as_utf8_and_keeps_plus() {
        assertEquals("a b+c/", UriEncoding.decode("a%20b+c%2F", 0, 10));
        assertEquals("é😀", UriEncoding.decode("%C3%A9%F0%9F%98%80", 0, 18));
        assertEquals("éA😀B", UriEncoding.decode("é%41😀%42", 0, 9), "characters past ASCII are kept as they are");
    }

    @Test
    void decodes_only_the_given_range() {
        assertEquals("A", UriEncoding.decode("x%41y", 1, 4));
        assertEquals("%4", UriEncoding.decode("%41", 0, 2), "an escape cut by the range's end is kept literally");
        assertEquals("ab", UriEncoding.decode("ab%41", 0, 2));
        assertEquals("x", UriEncoding.decode("%41x", 3, 4));
    }

    @Test
    void the_first_character_past_ascii_is_kept_as_utf8_not_as_a_byte() {
        assertEquals("A\u0080", UriEncoding.decode("%41\u0080", 0, 4));
    }

    @Test
    void a_surrogate_pair_cut_by_the_range_end_is_not_read_past_it() {
        // the high surrogate is the range's last character: the low one after it belongs to the next part
        assertEquals("A?", UriEncoding.decode("%41\uD83D\uDE00", 0, 4));
        assertEquals("A\uD83D\uDE00", UriEncoding.decode("%41\uD83D\uDE00", 0, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%0/", "%/0", "%:0", "%0:", "%@0", "%0@", "%G0", "%0G", "%`0", "%0`", "%g0", "%0g", "%4", "%"})
    void a_percent_not_followed_by_two_hex_digits_is_kept_literally(String text) {
        assertEquals(text, UriEncoding.decode(text, 0, text.length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "%09", "%0A", "%0F", "%0a", "%0f", "%90", "%A0", "%F0", "%a0", "%f0"})
    void every_hex_digit_at_both_ends_of_its_range_decodes(String text) {
        int value = Integer.parseInt(text.substring(1), 16);
        String decoded = UriEncoding.decode(text + "%41", 0, text.length() + 3);
        if (value < 0x80) {
            assertEquals(String.valueOf((char) value) + "A", decoded, text);
        } else {
            assertEquals("\uFFFDA", decoded, text + " alone is not UTF-8: the replacement character, then A");
        }
    }
}
