package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CanonicalURI, CanonicalQueryString and signing-key pieces that the suite's single-encoding cases do not cover. */
class CanonicalRequestTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/notes/a%20b|/notes/a%2520b",
        "/notes/a%2Fb|/notes/a%252Fb",
        "/notes/caf%C3%A9|/notes/caf%25C3%25A9",
        "/notes/./x/../y//z|/notes/y/z",
        "//notes//|/notes/",
        "/notes/..|/",
        "/notes/a+b:c@d|/notes/a%2Bb%3Ac%40d",
        "/-._~|/-._~",
        "''|/",
    })
    void execute_api_paths_are_normalized_then_encoded_twice(String wirePath, String canonical) {
        assertEquals(canonical, CanonicalRequest.uri(wirePath, true, true));
    }

    @Test
    void single_encoding_decodes_each_segment_and_encodes_it_once() {
        assertEquals("/a%20b/a%2Fb/%E1%88%B4", CanonicalRequest.uri("/a%20b/a%2Fb/%e1%88%b4", false, true));
        assertEquals("/a/./b/../c", CanonicalRequest.uri("/a/./b/../c", false, false));
    }

    @Test
    void query_is_decoded_reencoded_and_sorted_by_name_then_value() {
        assertEquals("%E1%88%B4=v&a=1&a=2&b=&c=x%20y&c=x%2By",
                CanonicalRequest.query(QueryParameter.parse("%E1%88%B4=v&c=x%20y&a=2&&b&a=1&c=x+y"), false, true));
        assertEquals("X-Amz-Date=1&y=~",
                CanonicalRequest.query(QueryParameter.parse("y=%7E&X-Amz-Signature=abc&X-Amz-Date=1"), true, true));
    }

    @Test
    void header_values_are_trimmed_and_whitespace_runs_collapsed() {
        StringBuilder out = new StringBuilder();
        CanonicalRequest.appendTrimmedCollapsed("  a \t  b\n   c  ", out);
        assertEquals("a b c", out.toString());
    }

    @Test
    void signing_key_matches_awss_documented_example() {
        // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
        assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Hashing.hex(
                SigningKeys.derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")));
    }

    @Test
    void signing_key_cache_is_bounded() {
        SigningKeys keys = new SigningKeys();
        for (int i = 0; i < SigningKeys.MAX_ENTRIES * 2 + 10; i++) {
            keys.signingKey("secret" + i, "20260314", "us-east-1", "execute-api");
        }
        assertTrue(keys.size() <= SigningKeys.MAX_ENTRIES, "cache size " + keys.size());
        assertEquals(Hashing.hex(SigningKeys.derive("s", "20260314", "us-east-1", "execute-api")),
                Hashing.hex(keys.signingKey("s", "20260314", "us-east-1", "execute-api")));
    }
}
