package dev.gatehouse.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A JUnit 5 extension with one headless Debian Chromium (through {@code chromedriver} and Selenium WebDriver) for the
 * tests of a class:
 * <ul>
 *   <li>a fresh profile ({@code --user-data-dir} in a new temporary folder, Chromium's {@code TMPDIR} inside it),
 *   deleted at the end;</li>
 *   <li>every test fails when the browser's console logged a {@code SEVERE} entry during it (an uncaught error, a
 *       {@code console.error}, a refused CORS call, a failed load), except entries the test said to expect;</li>
 *   <li>a screenshot of each failing test under {@code target/screenshots/<class>.<test>.png};</li>
 *   <li>the tests are skipped when chromium or chromedriver is missing, unless the environment variable {@code CI} is
 *       {@code "true"}: then they fail (CI must install {@code chromium} and {@code chromium-driver}).</li>
 * </ul>
 *
 * <pre>{@code
 * @RegisterExtension
 * static final HeadlessChromium chromium = HeadlessChromium.create();
 *
 * @Test
 * void page_signs_in() {
 *     WebDriver driver = chromium.driver();
 *     driver.get(site.url("index.html"));
 *     chromium.await(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("status")).getText().contains("in"));
 * }
 * }</pre>
 */
public final class HeadlessChromium implements BeforeEachCallback, AfterEachCallback, TestWatcher {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--window-size=1280,1000");
    /** Selenium warns at every start that it has no DevTools binding for this Chromium: not used here. */
    private static final java.util.logging.Logger CDP_WARNINGS = quiet("org.openqa.selenium.devtools.CdpVersionFinder");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HeadlessChromium.class);

    private final Path screenshots;
    private final List<Pattern> ignoredAlways;
    private final List<Pattern> ignoredThisTest = new ArrayList<>();
    private final List<LogEntry> console = new ArrayList<>();
    private ChromeDriver driver;
    private Path profile;

    private HeadlessChromium(Path screenshots, List<Pattern> ignoredAlways) {
        this.screenshots = screenshots;
        this.ignoredAlways = List.copyOf(ignoredAlways);
    }

    /** Screenshots under {@code target/screenshots}, every SEVERE console entry fails the test. */
    public static HeadlessChromium create() {
        return new HeadlessChromium(Path.of("target", "screenshots"), List.of());
    }

    /** The same, with console entries matching {@code regex} (anywhere in the message) never failing a test. */
    public HeadlessChromium ignoringConsole(String regex) {
        List<Pattern> patterns = new ArrayList<>(ignoredAlways);
        patterns.add(Pattern.compile(regex));
        return new HeadlessChromium(screenshots, patterns);
    }

    /** The same, with screenshots in {@code folder}. */
    public HeadlessChromium screenshotsIn(Path folder) {
        return new HeadlessChromium(folder, ignoredAlways);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** Whether Debian's chromium and chromedriver are installed here. */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** The browser, started at the first call of the test class. */
    public WebDriver driver() {
        if (driver == null) {
            driver = start();
        }
        return driver;
    }

    /** A wait on the browser, e.g. {@code chromium.await(Duration.ofSeconds(10)).until(d -> ...)}. */
    public WebDriverWait await(Duration timeout) {
        return new WebDriverWait(driver(), timeout, Duration.ofMillis(100));
    }

    /** For the rest of the current test, console entries matching {@code regex} do not fail it (a refusal it causes). */
    public void expectConsole(String regex) {
        ignoredThisTest.add(Pattern.compile(regex));
    }

    /** Every console entry of the current test so far, oldest first. */
    public List<LogEntry> console() {
        drainConsole();
        return List.copyOf(console);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!installed()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
            }
            assumeTrue(false, "chromium or chromedriver is not installed (apt-get install chromium chromium-driver)");
        }
        // Closed with the test class (or the test, for an extension registered on an instance field).
        ExtensionContext owner = context.getParent().orElse(context);
        owner.getStore(NAMESPACE).computeIfAbsent(this, k -> (AutoCloseable) this::quit);
        ignoredThisTest.clear();
        drainConsole();
        console.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver == null) {
            return;
        }
        List<String> errors = console().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> Stream.concat(ignoredAlways.stream(), ignoredThisTest.stream())
                        .noneMatch(p -> p.matcher(m).find()))
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("the browser's console logged " + errors.size() + " error(s):\n  "
                    + String.join("\n  ", errors));
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            System.err.println("screenshot of the failure: " + file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("no screenshot of " + name + ": " + e);
        }
    }

    /** Where the last screenshot of {@code testClass.testMethod} is (it exists only when that test failed). */
    public Path screenshotOf(String testClass, String testMethod) {
        return screenshots.resolve(testClass + "." + testMethod + ".png");
    }

    private ChromeDriver start() {
        try {
            profile = Files.createTempDirectory("gatehouse-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        Path tmp;
        try {
            tmp = Files.createDirectory(profile.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                // Chromium's own temporary files (a scoped dir, shared-memory stand-ins) go inside the profile, which
                // quit() deletes: in /tmp, one was now and then left behind by a browser that did not clean up.
                .withEnvironment(java.util.Map.of("TMPDIR", tmp.toString()))
                .build();
        return new ChromeDriver(service, options);
    }

    private void drainConsole() {
        if (driver != null) {
            console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        }
    }

    private void quit() {
        if (driver != null) {
            try {
                driver.quit();
            } finally {
                driver = null;
            }
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder: the system cleans it eventually
            }
            profile = null;
        }
    }
}
