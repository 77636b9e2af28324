package se.ixbi.processes.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs),
 * opened the way a person opens a page: no credentials handed to it in advance. It records every response header
 * it receives, so a test can prove that no page made it ask for a password itself.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One Chromium for the whole test run, as a person keeps one browser open; each test starts it clean. */
    private static ChromeDriver shared;

    private final ChromeDriver driver;
    private final List<JsonNode> responses = new ArrayList<>();

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * The run's browser with no cookies, at the desk's window size, on a blank page; skips the calling test, saying
     * why, where Chromium is not installed (CI installs it).
     */
    public static synchronized Browser open() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        if (shared == null || !alive(shared)) {
            shared = start();
            ChromeDriver started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit));
        }
        Browser browser = new Browser(shared);
        browser.forgetEverything();
        return browser;
    }

    private static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--lang=en");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    private static boolean alive(ChromeDriver driver) {
        try {
            driver.getWindowHandle();
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            return false;
        }
    }

    /** As a fresh profile: no cookies, no storage, no earlier test's responses, the desk's window size. */
    private void forgetEverything() {
        driver.get("about:blank");
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", "*", "storageTypes", "all"));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
        timeZone("");
        driver.manage().logs().get(LogType.PERFORMANCE);
    }

    /** Shows pages as a person in that time zone sees them ("Asia/Tokyo"); empty for the machine's own. */
    public void timeZone(String zone) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
    }

    /** Whether the page is wider than the window, so that a person must scroll sideways to read it. */
    public boolean scrollsSideways() {
        return (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
    }

    /** The window's size in CSS pixels, as a tablet or a smaller desk screen would show the page. */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    public void go(String url) {
        driver.get(url);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Waits until the page shows an element, and returns it. */
    public WebElement await(By element) {
        return until("a visible " + element, ExpectedConditions.visibilityOfElementLocated(element));
    }

    public void awaitUrl(String prefix) {
        until("an address starting " + prefix, d -> d.getCurrentUrl().startsWith(prefix));
    }

    public void awaitText(String text) {
        until("the text " + text, d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    /** Waits until an element (found anew each time: the page may replace it) shows the text. */
    public void awaitText(By within, String text) {
        until("the text " + text + " in " + within, d -> d.findElements(within).stream()
                .anyMatch(e -> e.getText().contains(text)));
    }

    /** Waits up to 30 s; on time-out the failure names what the page showed instead, and saves a screenshot. */
    private <T> T until(String expected, Function<WebDriver, T> condition) {
        try {
            // a page that reloads or refreshes part of itself replaces elements while they are read
            return new WebDriverWait(driver, Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            Path shot = screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError("waited 30 s for " + expected + "; the browser shows " + url() + " (" + shot
                    + "):\n" + text(), e);
        }
    }

    public void type(By field, String text) {
        WebElement input = await(field);
        input.clear();
        input.sendKeys(text);
    }

    public void click(By element) {
        await(element).click();
    }

    /** Chooses an option of a select by the text a person reads. */
    public void select(By element, String visibleText) {
        new org.openqa.selenium.support.ui.Select(await(element)).selectByVisibleText(visibleText);
    }

    public java.util.List<WebElement> findAll(By elements) {
        return driver.findElements(elements);
    }

    /** Runs a script in the page, as another page's script or a person's console could. */
    public void execute(String script) {
        driver.executeScript(script);
    }

    /**
     * axe-core's check of the page as it stands: the serious and critical accessibility violations, each as
     * "rule: description (how many elements)"; empty when there are none.
     */
    @SuppressWarnings("unchecked")
    public List<String> accessibilityViolations() {
        driver.executeScript(axe());
        Object result = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ': '
                        + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ') + ')')));""");
        return (List<String>) result;
    }

    private static String axe() {
        try (var in = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core is not on the test classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The value an asynchronous script passes to its callback (the last argument), with the arguments given. */
    public Object evaluateAsync(String script, Object... arguments) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /** The console's own sign-in form (embedded default; demo users: password = name). */
    public void signInOnConsole(String user) {
        type(By.id("username"), user);
        type(By.id("password"), user);
        click(By.cssSelector("main button[type=submit]"));
    }

    /** The value of a script's {@code return} in the page. */
    public Object evaluate(String script) {
        return driver.executeScript(script);
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Saves what the page shows now under {@code target/screenshots/<name>.png}, for a person to look at. */
    public Path screenshot(String name) {
        try {
            Path file = Path.of("target/screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every response the browser received so far: its URL, status and headers (lower-case names). */
    public List<JsonNode> responses() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if ("Network.responseReceived".equals(message.path("method").asText())) {
                    responses.add(message.path("params").path("response"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(responses);
    }

    /** The responses that would make a browser pop up its own password dialog. */
    public List<String> passwordChallenges() {
        return responses().stream()
                .filter(r -> r.path("status").asInt() == 401)
                .filter(r -> headers(r).entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("www-authenticate")
                        && h.getValue().toLowerCase().matches("(?s).*\\b(basic|digest|negotiate|ntlm)\\b.*")))
                .map(r -> r.path("url").asText())
                .toList();
    }

    private static Map<String, String> headers(JsonNode response) {
        return JSON.convertValue(response.path("headers"), JSON.getTypeFactory()
                .constructMapType(Map.class, String.class, String.class));
    }

    /** Leaves the page, so that nothing of it (a live refresh) runs on into the next test; the browser stays. */
    @Override
    public void close() {
        if (alive(driver)) {
            driver.get("about:blank");
        }
    }
}
