package dev.gatehouse.examples.notesweb;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.testkit.HeadlessChromium;
import dev.gatehouse.testkit.StaticSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The notes page (Amplify v6, bundled with esbuild) in headless Chromium, served from its own origin, against
 * Gatehouse started with the default configuration: every account flow and every notes call, as a user clicks them.
 * One browser for the class; the steps run in order, each a test (its screenshot under target/screenshots when it
 * fails); after a failed step the rest are skipped. Any error in the browser's console fails the step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotesWebBrowserTest {
    @RegisterExtension
    static final HeadlessChromium chromium = HeadlessChromium.create();

    private static final Duration STEP = Duration.ofSeconds(60);
    private static Gatehouse gatehouse;
    private static StaticSite site;
    private static final String EMAIL = "browser-" + Long.toString(System.nanoTime(), 36) + "@example.com";
    private static final String NEW_EMAIL = "moved-" + Long.toString(System.nanoTime(), 36) + "@example.com";
    private static String password = "Passw0rd!web1";
    private static boolean broken;

    @BeforeAll
    static void start() throws Exception {
        gatehouse = Gatehouse.builder().port(0).start();
        site = StaticSite.serve(NotesWebSite.build(gatehouse));
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    @Order(1)
    void the_page_loads_from_another_origin() {
        step(() -> {
            assertNotEquals(URI.create(site.origin()).getPort(), gatehouse.port(), "two origins: CORS is real");
            driver().get(site.url("index.html"));
            awaitStatus("ready");
            assertEquals("nobody", text("user"));
        });
    }

    @Test
    @Order(2)
    void sign_up() {
        step(() -> {
            type("email", EMAIL);
            type("password", password);
            assertEquals("sign-up ok: CONFIRM_SIGN_UP", act("sign-up"));
        });
    }

    @Test
    @Order(3)
    void confirm_with_the_code_cognito_sent() {
        step(() -> {
            type("code", Messages.latestCode(gatehouse, EMAIL, "SIGN_UP"));
            assertTrue(act("confirm-sign-up").startsWith("confirm-sign-up ok"));
        });
    }

    @Test
    @Order(4)
    void srp_sign_in() {
        step(() -> {
            assertEquals("sign-in ok: DONE", act("sign-in"));
            chromium.await(STEP).until(d -> EMAIL.equals(text("user")));
        });
    }

    @Test
    @Order(5)
    void create_list_update_and_delete_notes() {
        step(() -> {
            type("note-content", "first note");
            String created = act("create-note");
            assertTrue(created.startsWith("create-note ok: "), created);
            assertEquals("list-notes ok: 1 notes", act("list-notes"));
            assertEquals(List.of("first note"), notes());

            type("note-content", "changed note");
            assertEquals("update-note ok", act("update-note"));
            act("list-notes");
            assertEquals(List.of("changed note"), notes());

            assertEquals("delete-note ok", act("delete-note"));
            assertEquals("list-notes ok: 0 notes", act("list-notes"));
        });
    }

    @Test
    @Order(6)
    void refresh_the_session() {
        step(() -> assertTrue(act("refresh").startsWith("refresh ok: credentials for us-east-1:"), text("status")));
    }

    @Test
    @Order(7)
    void change_password() {
        step(() -> {
            type("new-password", "Passw0rd!web2");
            assertEquals("change-password ok", act("change-password"));
            password = "Passw0rd!web2";
            type("password", password);
        });
    }

    @Test
    @Order(8)
    void sign_out_and_in_with_the_new_password() {
        step(() -> {
            assertEquals("sign-out ok", act("sign-out"));
            chromium.await(STEP).until(d -> "nobody".equals(text("user")));
            assertEquals("sign-in ok: DONE", act("sign-in"));
            assertEquals("sign-out ok", act("sign-out"));
        });
    }

    @Test
    @Order(9)
    void forgot_password() {
        step(() -> {
            assertEquals("forgot-password ok: CONFIRM_RESET_PASSWORD_WITH_CODE", act("forgot-password"));
            type("code", Messages.latestCode(gatehouse, EMAIL, "FORGOT_PASSWORD"));
            type("new-password", "Passw0rd!web3");
            assertEquals("confirm-forgot-password ok", act("confirm-forgot-password"));
            password = "Passw0rd!web3";
            type("password", password);
            assertEquals("sign-in ok: DONE", act("sign-in"));
        });
    }

    @Test
    @Order(10)
    void change_email_with_the_verification_code() {
        step(() -> {
            type("new-email", NEW_EMAIL);
            assertEquals("change-email ok: CONFIRM_ATTRIBUTE_WITH_CODE", act("change-email"));
            type("code", Messages.latestCode(gatehouse, NEW_EMAIL, "VERIFY_ATTRIBUTE"));
            assertEquals("confirm-email ok", act("confirm-email"));
            chromium.await(STEP).until(d -> NEW_EMAIL.equals(text("user")));
        });
    }

    @Test
    @Order(11)
    void sign_out() {
        step(() -> {
            assertEquals("sign-out ok", act("sign-out"));
            chromium.await(STEP).until(d -> "nobody".equals(text("user")));
        });
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs a step unless an earlier one failed; a failure marks the rest to be skipped. */
    private static void step(Step step) {
        assumeFalse(broken, "an earlier step failed");
        try {
            step.run();
        } catch (Throwable t) {
            broken = true;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new AssertionError(t);
        }
    }

    private static WebDriver driver() {
        return chromium.driver();
    }

    private static String text(String id) {
        return driver().findElement(By.id(id)).getText();
    }

    private static void type(String id, String value) {
        WebElement input = driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** Clicks the button and waits for its outcome; a failure shows the page's error. */
    private static String act(String button) {
        driver().findElement(By.id(button)).click();
        String status = chromium.await(STEP).until(d -> {
            String s = text("status");
            return s.startsWith(button + " ok") || s.startsWith(button + " failed") ? s : null;
        });
        if (status.startsWith(button + " failed")) {
            throw new AssertionError(status + ": " + text("error"));
        }
        return status;
    }

    private static void awaitStatus(String expected) {
        chromium.await(STEP).until(d -> {
            String s = text("status");
            if (s.endsWith("failed")) {
                throw new AssertionError(s + ": " + text("error"));
            }
            return expected.equals(s);
        });
    }

    private static List<String> notes() {
        return driver().findElements(By.cssSelector("#notes li")).stream().map(WebElement::getText).toList();
    }
}
