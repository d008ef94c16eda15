package dev.gatehouse.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs small browser tests through the JUnit engine and looks at their outcome: a console error fails a test that
 * otherwise passes, an expected one does not, and a failing test leaves its screenshot.
 */
class HeadlessChromiumTest {
    @TempDir
    static Path folder;
    static StaticSite site;

    @BeforeAll
    static void pages() throws IOException {
        assumeTrue(HeadlessChromium.installed() || "true".equals(System.getenv("CI")), "chromium is not installed");
        Files.writeString(folder.resolve("clean.html"),
                "<!doctype html><title>clean</title><p id=greeting>hello</p><script>console.log('fine')</script>");
        Files.writeString(folder.resolve("noisy.html"),
                "<!doctype html><title>noisy</title><p id=greeting>hello</p>"
                        + "<script>console.error('the page broke: 42')</script>");
        site = StaticSite.serve(folder);
    }

    @org.junit.jupiter.api.AfterAll
    static void closeSite() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void a_clean_page_passes() {
        Events tests = run(CleanPage.class);
        assertEquals(1, tests.succeeded().count(), () -> tests.toString());
    }

    @Test
    void a_console_error_fails_a_test_that_otherwise_passes_and_leaves_a_screenshot() throws IOException {
        Path screenshot = Path.of("target", "screenshots", "NoisyPage.readsTheGreeting.png");
        Files.deleteIfExists(screenshot);

        Events tests = run(NoisyPage.class);

        assertEquals(1, tests.failed().count(), () -> tests.toString());
        Throwable cause = tests.failed().list().get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        assertTrue(cause.getMessage().contains("the page broke: 42"), cause.getMessage());
        assertTrue(Files.size(screenshot) > 1000, "a PNG screenshot of the failure");
        byte[] png = Files.readAllBytes(screenshot);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void an_expected_console_error_does_not_fail_the_test() {
        Events tests = run(NoisyPageExpected.class);
        assertEquals(1, tests.succeeded().count(), () -> tests.toString());
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    static class CleanPage {
        @RegisterExtension
        static final HeadlessChromium chromium = HeadlessChromium.create();

        @Test
        void readsTheGreeting() {
            chromium.driver().get(site.url("clean.html"));
            assertEquals("hello", chromium.driver().findElement(By.id("greeting")).getText());
            assertTrue(chromium.console().stream().anyMatch(e -> e.getMessage().contains("fine")));
        }
    }

    static class NoisyPage {
        @RegisterExtension
        static final HeadlessChromium chromium = HeadlessChromium.create();

        @Test
        void readsTheGreeting() {
            chromium.driver().get(site.url("noisy.html"));
            chromium.await(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("greeting")).isDisplayed());
            assertEquals("hello", chromium.driver().findElement(By.id("greeting")).getText());
        }
    }

    static class NoisyPageExpected {
        @RegisterExtension
        static final HeadlessChromium chromium = HeadlessChromium.create();

        @Test
        void readsTheGreeting() {
            chromium.expectConsole("the page broke");
            chromium.driver().get(site.url("noisy.html"));
            assertEquals("hello", chromium.driver().findElement(By.id("greeting")).getText());
        }
    }
}
