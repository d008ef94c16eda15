package dev.gatehouse.emulator.sigv4;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The path normalization of the canonical request (RFC 3986 dot segments, empty segments removed), as the AWS SDKs
 * sign: a trailing slash only when the path as sent ends with one. Segments that merely start with a dot are names.
 */
class PathNormalizationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/notes|/notes",
            "/|/",
            "''|/",
            "notes/a|/notes/a",
            "a/./b|/a/b",
            "/a/./b|/a/b",
            "/a/../b|/b",
            "/../a|/a",
            "/a//b|/a/b",
            "//a|/a",
            "/a/|/a/",
            "/a/.|/a",
            "/a/b/..|/a",
            "/a/./|/a/",
            "/.|/",
            "/..|/",
            "/.a|/.a",
            "/a/.b/..c/|/a/.b/..c/",
            "/..a|/..a",
            "/a.|/a.",
            "/a/..b/.|/a/..b",
            "/a/...|/a/...",
    })
    void normalizes_dot_and_empty_segments_only(String path, String expected) {
        assertEquals(expected, PathNormalization.normalize(path));
    }
}
