package dev.gatehouse.examples.rest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's adoption example is the code of {@link DocumentsOwnershipTest}, line for line. */
class ReadmeExampleTest {

    @Test
    void the_readme_shows_the_tested_adoption_example() throws IOException {
        String test = Files.readString(Path.of("src/test/java/dev/gatehouse/examples/rest/DocumentsOwnershipTest.java"));
        String example = test.substring(test.indexOf("// BEGIN README\n") + "// BEGIN README\n".length(),
                test.indexOf("// END README"));
        String readme = Files.readString(Path.of("../../README.md"));
        assertTrue(readme.contains("```java\n" + example + "```"),
                "README.md must show DocumentsOwnershipTest's class exactly, in a java block:\n" + example);
    }
}
