package io.hpo4j.studies.dashboard;

import io.hpo4j.studies.query.Notes;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.storage.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven through the system's
 * chromedriver, against a server on a free loopback port. Every page must load without a console
 * error, and what is written to the storage after a page was opened must appear on it without a
 * reload. Screenshots go to {@code target/dashboard-screenshots}. Without Chromium the test is
 * skipped on a developer's machine and fails under {@code CI=true}.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("hpo4j.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("hpo4j.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static Storage storage;
    private static DashboardServer server;
    private static LiveStudy live;
    private static FrozenTrial running;
    private static ChromeDriver browser;
    private static final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "Chromium and its driver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing + "; under CI=true the browser test must run, not skip");
            }
            Assumptions.abort(missing);
        }
        storage = JdbcStorage.open("jdbc:h2:file:" + dir.resolve("studies").toAbsolutePath());
        SyntheticStudies.run(storage, 20, 11);
        Notes.write(storage, SyntheticStudies.NAME, null, "synthetic curves: every verdict occurs");
        Notes.write(storage, SyntheticStudies.NAME, 6, "pruned on purpose (every 7th trial)");
        live = new LiveStudy(storage);
        live.complete(3e-3, 256, "adam", 8, 0.955);
        live.complete(2e-2, 384, "rmsprop", 9, 0.935);
        live.pruned(2e-4, 64, "sgd", 3, 0.55);
        live.complete(8e-3, 192, "adam", 10, 0.962);
        live.pruned(5e-4, 48, "sgd", 4, 0.62);
        live.complete(1e-3, 512, "rmsprop", 7, 0.91);
        PlainStudy.run(storage, 12);
        running = live.start(6e-3, 320, "adam", 12);
        for (int e = 1; e <= 5; e++) {
            live.epoch(running, e, 0.97);
        }
        server = DashboardServer.start(storage, "jdbc:h2:file:studies", DashboardOptions.loopback(0));
        Files.createDirectories(SHOTS);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1440,1100", "--hide-scrollbars",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile").toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (storage != null) {
            storage.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        collectConsole();
        assertThat(consoleErrors).as("errors in the browser's console").isEmpty();
    }

    private static void collectConsole() {
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                consoleErrors.add(e.getLevel() + " " + e.getMessage());
            }
        }
    }

    private static void open(String hash) {
        browser.get(server.url() + hash);
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, PATIENCE, Duration.ofMillis(100));
    }

    /** A screenshot of the whole page (the window grown to its height, then restored). */
    private static void screenshot(String name) throws IOException {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight)");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(4000, height + 140)));
        settle();
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(window);
        settle(); // the next test must not meet this resize's redraw
    }

    /** Lets a render (a poll's, or a resize's redraw) finish. */
    private static void settle() {
        ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(done)), 300);");
    }

    /** The page's text as shown, in lower case (headings are styled in capitals). */
    private static String pageText() {
        return browser.findElement(By.id("app")).getText().toLowerCase(java.util.Locale.ROOT);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    @Test
    void studiesPageListsEveryStudy() throws IOException {
        open("#/");
        waiting().until(d -> d.findElements(By.cssSelector("table.studies tbody tr")).size() == 3);
        String text = browser.findElement(By.cssSelector("table.studies")).getText();
        assertThat(text).contains(SyntheticStudies.NAME, LiveStudy.NAME, PlainStudy.NAME, "synthetic curves: every verdict occurs");
        assertThat(browser.findElement(By.id("live-text")).getText()).startsWith("live");
        screenshot("studies");
    }

    @Test
    void aTrialFinishedAfterThePageOpenedAppearsWithoutAReload() throws IOException {
        open("#/s/" + SyntheticStudies.NAME + "/trials");
        waiting().until(d -> d.findElements(By.cssSelector("#trial-table tbody tr")).size() == 20);
        js("window.hpo4jOpenedAt = 'this page';");
        SyntheticStudies.run(storage, 1, 11); // trial 20, finished now, through the Study API
        waiting().until(d -> !d.findElements(By.cssSelector("#trial-table tr[data-trial='20']")).isEmpty());
        assertThat(js("return window.hpo4jOpenedAt")).as("the page was not reloaded").isEqualTo("this page");
        screenshot("trials");
    }

    @Test
    void aRunningTrialsNewEpochsAppearOnTheOverview() throws IOException {
        open("#/s/" + LiveStudy.NAME);
        waiting().until(d -> d.findElements(By.cssSelector("svg.chart")).size() >= 2);
        waiting().until(d -> d.getPageSource().contains("ep 5/12"));
        js("window.hpo4jOpenedAt = 'this page';");
        live.epoch(running, 6, 0.97);
        waiting().until(d -> d.getPageSource().contains("ep 6/12"));
        assertThat(js("return window.hpo4jOpenedAt")).isEqualTo("this page");
        assertThat(pageText()).contains("optimization history", "parameter importance", "learning curves", "running now",
                "fit verdicts", "pruned at epoch 3", "(so far)", "timeline");
        assertThat(browser.findElements(By.cssSelector("svg.chart rect.bar-t"))).hasSize(7);
        assertThat(browser.findElements(By.cssSelector("svg.chart .end-label"))).extracting(WebElement::getText)
                .contains("pruned @3", "pruned @4", "#6 ep 6/12", "best #3");
        assertNoLabelsOverlap();
        screenshot("study-running");
        open("#/s/" + SyntheticStudies.NAME);
        waiting().until(d -> d.findElements(By.cssSelector(".bar-row")).size() >= 4);
        screenshot("study-overview");
    }

    @Test
    void theTrialTableSortsAndFilters() {
        open("#/s/" + SyntheticStudies.NAME + "/trials");
        waiting().until(d -> d.findElements(By.cssSelector("#trial-table tbody tr")).size() >= 20);
        WebElement numberHeader = browser.findElement(By.xpath("//table[@id='trial-table']//th[starts-with(., '#')]"));
        numberHeader.click();
        numberHeader = browser.findElement(By.xpath("//table[@id='trial-table']//th[starts-with(., '#')]"));
        numberHeader.click(); // descending
        List<String> numbers = browser.findElements(By.cssSelector("#trial-table tbody tr")).stream()
                .map(r -> r.getAttribute("data-trial")).toList();
        assertThat(numbers.get(0)).isEqualTo(String.valueOf(numbers.size() - 1));
        WebElement filter = browser.findElement(By.cssSelector("input[aria-label='filter trials']"));
        filter.sendKeys("pruned");
        waiting().until(d -> d.findElements(By.cssSelector("#trial-table tbody tr")).stream()
                .allMatch(r -> r.getText().toLowerCase().contains("pruned")));
        assertThat(browser.findElements(By.cssSelector("#trial-table tbody tr"))).hasSizeBetween(2, 4);
        filter.clear();
        filter.sendKeys("x"); // keeps the field usable: typing again after a clear
        js("arguments[0].value=''; arguments[0].dispatchEvent(new Event('input'));", filter);
    }

    @Test
    void brushingAnAxisSelectsTrials() throws IOException {
        open("#/s/" + SyntheticStudies.NAME + "/parallel");
        waiting().until(d -> !d.findElements(By.cssSelector(".pc-hit")).isEmpty());
        int before = browser.findElements(By.cssSelector("#trial-table tbody tr")).size();
        WebElement axis = browser.findElements(By.cssSelector(".pc-hit")).get(0);
        new Actions(browser).moveToElement(axis, 0, -axis.getSize().height / 2 + 10).clickAndHold()
                .moveByOffset(0, axis.getSize().height / 2).release().perform();
        waiting().until(d -> !d.findElements(By.cssSelector("rect.brush")).isEmpty());
        int after = browser.findElements(By.cssSelector("#trial-table tbody tr")).size();
        assertThat(after).isLessThan(before).isPositive();
        assertThat(browser.findElement(By.id("app")).getText()).contains("trials selected");
        screenshot("parallel");
    }

    @Test
    void theTrialPageShowsParametersCurvesVerdictProvenanceAndReason() throws IOException {
        open("#/s/" + SyntheticStudies.NAME + "/t/6");
        waiting().until(d -> d.findElements(By.cssSelector("svg.chart")).size() == 2);
        assertThat(pageText()).contains("trial 6", "pruned at epoch 3", "parameters", "learning_rate", "provenance", "seed",
                "pruned:", "pruned on purpose (every 7th trial)");
        open("#/s/" + LiveStudy.NAME + "/t/0");
        waiting().until(d -> d.findElements(By.cssSelector("svg.chart")).size() == 2);
        assertThat(pageText()).contains("verdict:", "best epoch", "optimizer", "adam", "good fit");
        screenshot("trial");
    }

    @Test
    void aPlainObjectivesReportedValuesAreItsCurvesWithThePrunersRungsMarked() throws IOException {
        open("#/s/" + PlainStudy.NAME);
        waiting().until(d -> !d.findElements(By.cssSelector("svg.chart .vline")).isEmpty());
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("select[aria-label='curve metric']")))
                .getFirstSelectedOption().getText()).isEqualTo("reported value");
        List<String> rungs = browser.findElements(By.cssSelector("svg.chart .vlabel")).stream().map(WebElement::getText).toList();
        assertThat(rungs).anySatisfy(r -> assertThat(r).matches("rung 1 · \\d+ pruned"))
                .anySatisfy(r -> assertThat(r).startsWith("rung 3"));
        assertThat(pageText()).doesNotContain("no epochs recorded yet");
        assertNoLabelsOverlap();
        screenshot("study-plain");
        open("#/s/" + PlainStudy.NAME + "/t/1");
        waiting().until(d -> !d.findElements(By.cssSelector("svg.chart .vline")).isEmpty());
        assertThat(pageText()).contains("reported values", "best step");
    }

    @Test
    void longReasonsStayOnOneLineOfTheTrialTableAndAPrunedTrialSaysSoOnce() {
        open("#/s/" + LiveStudy.NAME + "/trials");
        waiting().until(d -> d.findElements(By.cssSelector("#trial-table tbody tr")).size() >= 7);
        for (WebElement row : browser.findElements(By.cssSelector("#trial-table tbody tr"))) {
            assertThat(row.getSize().height).as("row of trial %s", row.getAttribute("data-trial")).isLessThan(48);
        }
        WebElement reason = browser.findElement(By.cssSelector("#trial-table tr[data-trial='2'] .note-cell"));
        assertThat(reason.getAttribute("title")).as("the whole reason, on hover").contains("is worse than the median");
        open("#/s/" + LiveStudy.NAME + "/t/2");
        waiting().until(d -> d.findElements(By.cssSelector("svg.chart")).size() == 2);
        assertThat(browser.findElement(By.cssSelector(".page-head")).getText().toLowerCase(java.util.Locale.ROOT)
                .split("pruned at epoch 3", -1)).as("the header names the prune once").hasSize(2);
    }

    @Test
    void chartLabelsClearEachOtherWhereARungMeetsTheBestAndTheRunningTrials() {
        open("#/");
        waiting().until(d -> !d.findElements(By.cssSelector("table.studies tbody tr")).isEmpty());
        // five trials ending together at the top, on a rung, with the rung's label at the top too
        js("const box = document.createElement('div'); box.id = 'crowded'; box.style.width = '640px';"
                + " document.getElementById('app').appendChild(box);"
                + " const series = [0, 1, 2, 3, 4].map(i => ({ id: i, color: '#16a34a', points: [[1, 0.2 + 0.01 * i], [6, 0.99 - 0.002 * i]],"
                + "   end: { shape: 'dot', label: i === 0 ? 'best #0' : '#' + i + ' ep 6/9', priority: i === 0 ? 3 : 2 } }));"
                + " Charts.line(box, series, { height: 240, margin: { right: 84 }, integerX: true, xMin: 1,"
                + "   vlines: [{ x: 6, label: 'rung 6 · 4 pruned', color: '#64748b', faint: true }, { x: 2, label: 'rung 2', color: '#64748b' }],"
                + "   labels: [{ x: 2, y: 0.95, text: '3 pruned @2', color: '#d97706', priority: 1 }] });");
        assertThat(browser.findElements(By.cssSelector("#crowded .end-label"))).extracting(WebElement::getText)
                .as("the best trial's label has the first place").contains("best #0");
        assertNoLabelsOverlap();
    }

    /** No two texts of a chart (end labels, rung and marker labels) overlap. */
    private static void assertNoLabelsOverlap() {
        @SuppressWarnings("unchecked")
        List<List<Number>> boxes = (List<List<Number>>) js("return [...document.querySelectorAll('svg.chart')].flatMap((c, i) =>"
                + " [...c.querySelectorAll('.end-label, .vlabel')].map(t => { const b = t.getBoundingClientRect();"
                + " return [i, b.left, b.top, b.right, b.bottom]; }))");
        for (int a = 0; a < boxes.size(); a++) {
            for (int b = a + 1; b < boxes.size(); b++) {
                List<Number> p = boxes.get(a);
                List<Number> q = boxes.get(b);
                boolean overlap = p.get(0).intValue() == q.get(0).intValue()
                        && p.get(1).doubleValue() < q.get(3).doubleValue() - 0.5 && q.get(1).doubleValue() < p.get(3).doubleValue() - 0.5
                        && p.get(2).doubleValue() < q.get(4).doubleValue() - 0.5 && q.get(2).doubleValue() < p.get(4).doubleValue() - 0.5;
                assertThat(overlap).as("chart labels %s and %s overlap", p, q).isFalse();
            }
        }
    }
}
