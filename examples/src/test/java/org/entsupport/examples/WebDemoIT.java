package org.entsupport.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Plays the whole story of the web demo in headless Chromium: the requester files with a screenshot, the
 * local administrator sees the count and the feed entry, answers and sets WAITING, the requester replies,
 * the administrator hands the request to the desk, the desk's answer appears, the requester resolves it.
 * A failing step leaves a screenshot and the page's HTML under {@code target/}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/install-browser.sh}); with
 * {@code CI=true} their absence fails the test, elsewhere it is skipped with a message.
 */
class WebDemoIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static WebDemo demo;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: run .ci/install-browser.sh");
        }
        assumeTrue(present, "skipped: install chromium and chromium-driver (.ci/install-browser.sh) to run it");
        demo = WebDemo.start(0);
        profile = Files.createTempDirectory("webdemo-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--lang=fr-FR",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT);
        // the request page refreshes itself every few seconds: an element may be replaced under a wait
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (demo != null) {
            demo.close();
        }
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs a step; on failure, saves a screenshot and the page under target/ and fails with the step. */
    private static void step(String name, ThrowingRunnable body) {
        try {
            body.run();
        } catch (Throwable e) {
            try {
                Path dir = Files.createDirectories(Path.of("target"));
                File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Path png = dir.resolve("webdemo-failure-" + name + ".png");
                Files.copy(shot.toPath(), png, StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(dir.resolve("webdemo-failure-" + name + ".html"), driver.getPageSource());
                e.addSuppressed(new AssertionError("screenshot: " + png.toAbsolutePath()));
            } catch (Exception shotFailed) {
                e.addSuppressed(shotFailed);
            }
            throw new AssertionError("step '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    /** A step body. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static WebElement id(String id) {
        return driver.findElement(By.id(id));
    }

    private static void persona(String userId) {
        new Select(id("persona")).selectByValue(userId);
        wait.until(d ->
                userId.equals(new Select(id("persona")).getFirstSelectedOption().getDomAttribute("value")));
    }

    private static void open(String hash) {
        driver.get(demo.url() + hash);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#error:not([hidden])")));
    }

    /** The count of a status, once the list shows what {@code userId} sees. */
    private static long count(String userId, String status) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#counts[data-user='" + userId + "']")));
        By chip = By.cssSelector("#counts button[data-status='" + status + "'] .count");
        wait.until(ExpectedConditions.presenceOfElementLocated(chip));
        return Long.parseLong(driver.findElement(chip).getText().trim());
    }

    private static String status() {
        return id("ticket-status").findElement(By.cssSelector(".status")).getDomAttribute("data-status");
    }

    private static void waitForTimeline(String text) {
        wait.until(d -> d.findElements(By.cssSelector("#timeline li")).stream()
                .anyMatch(li -> li.getText().contains(text)));
    }

    private static void comment(String text) {
        WebElement body = id("comment-body");
        body.clear();
        body.sendKeys(text);
        id("comment-submit").click();
        waitForTimeline(text);
    }

    private static void setStatus(String value) {
        wait.until(d -> new Select(id("status-select"))
                .getOptions().stream().anyMatch(o -> value.equals(o.getDomAttribute("value"))));
        new Select(id("status-select")).selectByValue(value);
        id("status-submit").click();
        wait.until(d -> value.equals(status()));
    }

    private static boolean fitsTheWidth() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"));
    }

    @Test
    void theWholeStoryPlaysOut() throws Exception {
        String subject = "Impossible d'envoyer un message";
        long[] baseline = new long[1];
        long[] ticket = new long[1];
        Path screenshot = Files.createTempFile("capture-", ".png");
        Files.write(
                screenshot,
                java.util.Base64.getDecoder()
                        .decode(
                                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));

        step("admin-baseline", () -> {
            open("#/");
            new Select(id("lang")).selectByValue("fr");
            persona("u-bruno");
            baseline[0] = count("u-bruno", "NEW");
            wait.until(d -> id("feed-count").getText().equals("0"));
        });

        step("requester-files-with-screenshot", () -> {
            persona("u-alice");
            open("#/new");
            wait.until(d -> new Select(id("new-category")).getOptions().size() > 1);
            assertThat(id("escalate").isDisplayed()).isFalse();
            new Select(id("new-school")).selectByValue("school-1");
            new Select(id("new-category")).selectByValue("/messagerie");
            id("new-subject").sendKeys(subject);
            id("new-description").sendKeys("Le bouton Envoyer ne réagit pas.\nVoir la capture.");
            id("new-screenshot").sendKeys(screenshot.toString());
            id("new-submit").click();
            wait.until(d -> d.getCurrentUrl().matches(".*#/ticket/\\d+$"));
            Matcher m = Pattern.compile("#/ticket/(\\d+)$").matcher(driver.getCurrentUrl());
            assertThat(m.find()).isTrue();
            ticket[0] = Long.parseLong(m.group(1));
            wait.until(d -> subject.equals(id("ticket-subject").getText()));
            wait.until(d ->
                    !d.findElements(By.cssSelector("#attachments a.attachment")).isEmpty());
            assertThat(id("escalate").isDisplayed())
                    .as("the requester may not hand over")
                    .isFalse();
        });

        step("admin-sees-count-and-feed", () -> {
            persona("u-bruno");
            open("#/");
            wait.until(d -> count("u-bruno", "NEW") == baseline[0] + 1);
            wait.until(d -> id("feed-count").getText().equals("1"));
            // paging: 37 requests, 10 a page
            String first =
                    driver.findElement(By.cssSelector("#tickets tbody tr")).getDomAttribute("data-id");
            id("next").click();
            wait.until(d -> id("page-info").getText().endsWith("2"));
            wait.until(d -> !first.equals(
                    d.findElement(By.cssSelector("#tickets tbody tr")).getDomAttribute("data-id")));
            id("prev").click();
            wait.until(d -> id("page-info").getText().endsWith("1"));
            // filter by status through its count
            driver.findElement(By.cssSelector("#counts button[data-status='NEW']"))
                    .click();
            wait.until(d -> d.findElements(By.cssSelector("#tickets tbody tr")).stream()
                    .allMatch(tr -> tr.findElements(By.cssSelector(".status[data-status='NEW']"))
                                    .size()
                            == 1));
            open("#/feed");
            By entry = By.cssSelector("#feed-list li.unread[data-ticket='" + ticket[0] + "'] a");
            wait.until(ExpectedConditions.elementToBeClickable(entry)).click();
            wait.until(d -> subject.equals(id("ticket-subject").getText()));
        });

        step("admin-answers-and-waits", () -> {
            comment("Quel navigateur utilisez-vous ?");
            setStatus("WAITING");
            wait.until(d -> id("escalate").isDisplayed());
        });

        step("requester-replies", () -> {
            persona("u-alice");
            open("#/ticket/" + ticket[0]);
            wait.until(d -> "WAITING".equals(status()));
            assertThat(id("escalate").isDisplayed()).isFalse();
            comment("Firefox 128 sous Windows.");
            wait.until(d -> "OPENED".equals(status()));
        });

        step("admin-hands-over-to-the-desk", () -> {
            persona("u-bruno");
            open("#/ticket/" + ticket[0]);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("escalate")))
                    .click();
            wait.until(d -> List.of("IN_PROGRESS", "SUCCESSFUL")
                    .contains(id("ticket-escalation").getDomAttribute("data-escalation")));
        });

        step("desk-answer-appears", () -> {
            waitForTimeline("videz le cache");
            wait.until(d -> "SUCCESSFUL".equals(id("ticket-escalation").getDomAttribute("data-escalation")));
        });

        step("requester-resolves", () -> {
            persona("u-alice");
            open("#/ticket/" + ticket[0]);
            waitForTimeline("videz le cache");
            setStatus("RESOLVED");
        });

        step("english-and-narrow-screen", () -> {
            new Select(id("lang")).selectByValue("en");
            wait.until(d -> id("nav-new").getText().equals("New request"));
            wait.until(d -> id("ticket-status").getText().equals("Resolved"));
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
            wait.until(d -> id("comment-form").isDisplayed());
            assertThat(fitsTheWidth())
                    .as("the request page needs no horizontal scrolling at 360 px")
                    .isTrue();
            open("#/");
            wait.until(d -> !d.findElements(By.cssSelector("#tickets tbody tr")).isEmpty());
            assertThat(fitsTheWidth())
                    .as("the list needs no horizontal scrolling at 360 px")
                    .isTrue();
            open("#/new");
            wait.until(d -> id("new-form").isDisplayed());
            assertThat(fitsTheWidth())
                    .as("the form needs no horizontal scrolling at 360 px")
                    .isTrue();
            Object unlabelled = ((JavascriptExecutor) driver)
                    .executeScript("return [...document.querySelectorAll('input, select, textarea')]"
                            + ".filter(e => !document.querySelector('label[for=\"' + e.id + '\"]')).map(e => e.id);");
            assertThat((List<?>) unlabelled).as("every field has a label").isEmpty();
        });
    }
}
