package dev.gatehouse.emulator.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.scenarios.Wire;
import dev.gatehouse.testkit.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in headless Chromium, as a user reads it: calls appear live, a refused call opens with its cause, the
 * users view shows alice's identity id, and the DynamoDB view finds her note under it. Every step saves a screenshot
 * under {@code target/console/} (the README's picture is one of them); the browser's console must log no error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHOTS = Path.of("target", "console");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final HeadlessChromium chromium = HeadlessChromium.create();

    private static Gatehouse gatehouse;
    private static SignIn.IdentityCredentials alice;
    private static String aliceId;
    private static String noteContent;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        alice = Wire.credentials(gatehouse, "alice@example.com", "Passw0rd!alice");
        aliceId = gatehouse.identityIdOf("alice@example.com");
        noteContent = "a note for the console " + System.nanoTime();
    }

    @AfterAll
    static void stop() {
        gatehouse.close();
    }

    private static String api(String path) {
        return gatehouse.outputs().apiEndpoint() + path;
    }

    /** Through the token URL the banner prints: the door trades it for the cookie and redirects to the console. */
    private static WebDriver open(String fragment) {
        WebDriver driver = chromium.driver();
        driver.get(gatehouse.consoleUri().toString());
        assertEquals(gatehouse.baseUri() + "/_gatehouse/console", driver.getCurrentUrl());
        if (!fragment.isEmpty()) {
            driver.get(gatehouse.baseUri() + "/_gatehouse/console" + fragment);
        }
        chromium.await(WAIT).until(d -> "live".equals(d.findElement(By.id("live")).getText()));
        return driver;
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static WebElement row(WebDriver driver, String requestId) {
        return chromium.await(WAIT).until(d -> d.findElements(By.cssSelector("#calls tr[data-id='" + requestId + "']"))
                .stream().findFirst().orElse(null));
    }

    @Test
    @Order(1)
    void a_signed_and_an_unsigned_call_appear_without_a_reload_and_the_refusal_opens_with_its_cause()
            throws Exception {
        WebDriver driver = open("");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("window.sameDocument = true;");

        Wire.Response signed = Wire.sdk(alice, new Wire.Signing(), "POST", api("/notes"),
                JSON.writeValueAsString(Map.of("content", noteContent)));
        assertEquals(200, signed.status(), signed.body());
        Wire.Response unsigned = Wire.send("GET", api("/notes"), Map.of(), new byte[0]);
        assertEquals(403, unsigned.status());

        WebElement accepted = row(driver, signed.requestId());
        WebElement refused = row(driver, unsigned.requestId());
        assertEquals(Boolean.TRUE, js.executeScript("return window.sameDocument === true;"), "the page was reloaded");
        assertTrue(accepted.getText().contains("alice@example.com"), accepted.getText());
        assertTrue(accepted.getText().contains(aliceId), accepted.getText());
        assertTrue(accepted.getText().contains("POST /notes"), accepted.getText());
        assertTrue(accepted.getText().contains("accepted"), accepted.getText());
        assertTrue(refused.getText().contains("403"), refused.getText());
        assertTrue(refused.getText().contains("MISSING_AUTHENTICATION"), refused.getText());

        refused.findElement(By.cssSelector("td.time a")).click();
        WebElement cause = chromium.await(WAIT).until(d -> d.findElements(By.cssSelector("#call-detail pre.explain"))
                .stream().findFirst().orElse(null));
        assertTrue(cause.getText().contains("the request is not signed: it has no Authorization header"),
                cause.getText());
        assertEquals("", js.executeScript("const broken = [];"
                + " for (const n of arguments[0].childNodes) {"
                + "   if (n.nodeType !== Node.TEXT_NODE || n.textContent === '_') continue;"
                + "   const r = document.createRange(); r.selectNodeContents(n);"
                + "   if (r.getClientRects().length > 1) broken.push(n.textContent); }"
                + " return broken.join(' ');", refused.findElement(By.cssSelector("td.verdict .reason"))),
                "beside the opened call, a word of the reason code is split across lines");
        assertEquals(0, sidewaysOverflow(driver, "#view-calls .table-wrap"),
                "beside the opened call, the calls table scrolls sideways");
        screenshot(driver, "calls");

        accepted.findElement(By.cssSelector("td.time a")).click();
        WebElement resign = chromium.await(WAIT).until(d -> d.findElements(By.xpath(
                "//section[@id='call-detail']//button[text()='Replay re-signed']")).stream().findFirst().orElse(null));
        resign.click();
        WebElement result = chromium.await(WAIT).until(d -> {
            WebElement p = d.findElement(By.cssSelector("#call-detail .actions .message"));
            return p.getText().startsWith("Re-signed replay answered") ? p : null;
        });
        assertTrue(result.getText().startsWith("Re-signed replay answered 200"), result.getText());
        String replayId = java.net.URLDecoder.decode(result.findElement(By.tagName("a")).getAttribute("href")
                .replaceAll(".*#calls/", ""), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(row(driver, replayId).getText().contains("alice@example.com"));
    }

    @Test
    @Order(2)
    void a_signature_mismatch_shows_the_expected_canonical_request_beside_the_clients() throws Exception {
        WebDriver driver = open("");
        Wire.Response r = Wire.unsortedQuery(alice, gatehouse.outputs().apiEndpoint(), "/notes",
                List.of(new String[] {"b", "1"}, new String[] {"a", "2"}));
        assertEquals(403, r.status());
        row(driver, r.requestId()).click();
        WebElement compare = chromium.await(WAIT).until(d -> d.findElements(By.cssSelector("#call-detail .compare"))
                .stream().findFirst().orElse(null));
        assertTrue(compare.getText().contains("a=2&b=1"), compare.getText());
        assertTrue(compare.getText().contains("b=1&a=2"), compare.getText());
        assertTrue(compare.getText().contains("the client signed this (its signature matches it)"), compare.getText());
        List<WebElement> marks = compare.findElements(By.tagName("mark"));
        assertEquals("a=2&b=1", marks.get(0).getText());
        assertEquals("b=1&a=2", marks.get(1).getText());
        WebElement cause = driver.findElement(By.cssSelector("#call-detail pre.explain"));
        assertTrue(cause.getText().contains("query string parameters were not sorted when signing"), cause.getText());
        screenshot(driver, "call-signature-mismatch");
        driver.manage().window().setSize(new Dimension(600, 1000));
        try {
            screenshot(driver, "call-signature-mismatch-narrow");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    @Order(3)
    void the_users_view_shows_alices_identity_id_and_leads_to_her_note() throws Exception {
        WebDriver driver = open("");
        driver.findElement(By.cssSelector("nav a[data-view='users']")).click();
        WebElement aliceRow = chromium.await(WAIT).until(d -> d.findElements(
                By.cssSelector("#users tr[data-email='alice@example.com']")).stream().findFirst().orElse(null));
        assertEquals(aliceId, aliceRow.findElement(By.cssSelector("code.identity-id")).getText());
        assertTrue(aliceRow.getText().contains("CONFIRMED"), aliceRow.getText());
        screenshot(driver, "users");
        driver.manage().window().setSize(new Dimension(600, 1000));
        try {
            screenshot(driver, "users-narrow");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }

        aliceRow.findElement(By.cssSelector("a.items-link")).click();
        WebElement items = chromium.await(WAIT).until(d -> {
            WebElement body = d.findElement(By.cssSelector("#items tbody"));
            return body.getText().contains(noteContent) ? body : null;
        });
        for (WebElement tr : items.findElements(By.tagName("tr"))) {
            assertTrue(tr.getText().startsWith(aliceId), "an item of another user: " + tr.getText());
        }
        assertEquals(aliceId, driver.findElement(By.cssSelector("#item-filter input[name='partitionKey']"))
                .getAttribute("value"));
        screenshot(driver, "dynamodb");
    }

    @Test
    @Order(4)
    void the_controls_view_shows_the_clock_and_the_stack_outputs() throws Exception {
        WebDriver driver = open("#controls");
        WebElement outputs = chromium.await(WAIT).until(d -> {
            WebElement dl = d.findElement(By.id("outputs"));
            return dl.getText().contains("UserPoolId") ? dl : null;
        });
        assertTrue(outputs.getText().contains(gatehouse.outputs().identityPoolId()), outputs.getText());
        assertTrue(driver.findElement(By.id("clock-state")).getText().contains("Offset"));
        assertTrue(driver.findElement(By.id("snippets")).getText().contains("--aws-sigv4"));
        screenshot(driver, "controls");
    }

    /** How far {@code selector}'s content overflows its box sideways, in CSS pixels (0: nothing to scroll). */
    private static long sidewaysOverflow(WebDriver driver, String selector) {
        return (Long) ((JavascriptExecutor) driver).executeScript("const e = document.querySelector(arguments[0]);"
                + " return Math.max(0, e.scrollWidth - e.clientWidth);", selector);
    }

    private static String label(WebDriver driver, WebElement cell) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(arguments[0], '::before').content;", cell);
    }

    @Test
    @Order(5)
    void in_a_narrow_window_the_calls_and_users_tables_stack_each_cell_under_its_name_and_nothing_scrolls_sideways()
            throws Exception {
        WebDriver driver = open("");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        Wire.Response signed = Wire.sdk(alice, new Wire.Signing(), "GET", api("/notes"), "");
        assertEquals(200, signed.status(), signed.body());
        driver.manage().window().setSize(new Dimension(480, 1000));
        try {
            long width = (Long) js.executeScript("return window.innerWidth;");
            assertTrue(width < 46 * 15, "the window is narrower than the calls table's breakpoint: " + width);
            WebElement call = row(driver, signed.requestId());
            assertEquals(0, sidewaysOverflow(driver, "#view-calls .table-wrap"), "the calls table scrolls sideways");
            assertEquals(0, (Long) js.executeScript(
                    "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);"),
                    "the page scrolls sideways");
            assertEquals("\"Status\"", label(driver, call.findElement(By.cssSelector("td.status"))));
            assertTrue(call.getText().contains("GET /notes") && call.getText().contains("200"), call.getText());
            screenshot(driver, "calls-stacked");
            call.findElement(By.cssSelector("td.time a")).click();
            chromium.await(WAIT).until(d -> d.findElement(By.cssSelector("#call-detail pre.explain")).isDisplayed());
            assertEquals(Boolean.TRUE, js.executeScript("return document.getElementById('call-detail')"
                    + ".getBoundingClientRect().bottom <= document.querySelector('#view-calls .table-wrap')"
                    + ".getBoundingClientRect().top;"), "in one column the opened call is not above the list");
            screenshot(driver, "call-opened-narrow");

            driver.manage().window().setSize(new Dimension(800, 1000));
            driver.findElement(By.cssSelector("nav a[data-view='users']")).click();
            WebElement aliceRow = chromium.await(WAIT).until(d -> d.findElements(
                    By.cssSelector("#users tr[data-email='alice@example.com']")).stream().findFirst().orElse(null));
            assertEquals(0, sidewaysOverflow(driver, "#view-users .table-wrap"), "the users table scrolls sideways");
            assertEquals("\"Identity id\"", label(driver, aliceRow.findElement(By.cssSelector("code.identity-id"))
                    .findElement(By.xpath(".."))));
            assertEquals(aliceId, aliceRow.findElement(By.cssSelector("code.identity-id")).getText());
            screenshot(driver, "users-stacked");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
        WebElement header = driver.findElement(By.cssSelector("#users thead th"));
        assertEquals("User", header.getText(), "a wide window shows the users table's header row");
        driver.findElement(By.cssSelector("nav a[data-view='calls']")).click();
        assertEquals("Status", driver.findElement(By.cssSelector("#calls thead th:nth-child(4)")).getText());
        assertEquals("none", label(driver, row(driver, signed.requestId()).findElement(By.cssSelector("td.status"))),
                "no cell labels in a wide window");
    }
}
