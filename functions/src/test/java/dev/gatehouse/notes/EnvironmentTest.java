package dev.gatehouse.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Settings fall back from the environment variable to the JVM system property of the same name. */
class EnvironmentTest {
    private static final String NAME = "GATEHOUSE_NOTES_TEST_SETTING";

    @Test
    void a_setting_absent_from_the_environment_is_read_from_the_system_property() {
        assertNull(System.getenv(NAME));
        System.setProperty(NAME, "from-property");
        try {
            assertEquals("from-property", Environment.get(NAME));
            assertEquals("from-property", Environment.require(NAME));
        } finally {
            System.clearProperty(NAME);
        }
    }

    @Test
    void the_environment_variable_wins_over_the_system_property() {
        String path = System.getenv("PATH");
        System.setProperty("PATH", "from-property");
        try {
            assertEquals(path, Environment.get("PATH"));
        } finally {
            System.clearProperty("PATH");
        }
    }

    @Test
    void a_missing_setting_is_an_error_that_names_it() {
        assertNull(Environment.get(NAME));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Environment.require(NAME));
        assertEquals("Missing setting " + NAME + ": set the environment variable or the JVM system property " + NAME,
                e.getMessage());
    }
}
