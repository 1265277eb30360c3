package com.wedsync.ml.platform.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver; {@code .ci/run} and {@code ops/test.sh}
 * install them) driven by Selenium, started with the flags this closed network needs.
 */
public final class Browser {

    static final String CHROMIUM = System.getenv().getOrDefault("WEDSYNC_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("WEDSYNC_CHROMEDRIVER", "/usr/bin/chromedriver");

    private Browser() {
    }

    /** @param basicAuth user:password sent with every request (fetch() refuses URLs with credentials in them), or null */
    public static ChromeDriver start(String basicAuth) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("headless Chromium is needed for this test: no " + CHROMIUM + " or " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                    "--user-data-dir=" + Files.createTempDirectory("wedsync-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriver chrome = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build(), options);
        if (basicAuth != null) {
            chrome.executeCdpCommand("Network.enable", Map.of());
            chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)))));
        }
        return chrome;
    }

    /**
     * Signs the browser in through the platform's sign-in page as a user that {@link Api#as} created: opens
     * {@code page}, which sends it to the sign-in page, fills the form and submits it; the platform sends it back.
     */
    public static void signIn(ChromeDriver browser, Api api, String page, String user) {
        api.as(user); // created on first use
        browser.get(api.base() + page);
        browser.findElement(org.openqa.selenium.By.id("username")).sendKeys(user);
        browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(Api.passwordOf(user));
        clickAndWaitForTheNextPage(browser, org.openqa.selenium.By.id("sign-in"));
    }

    /**
     * Clicks what {@code by} finds and waits (up to 30 s) until the browser has left the page it was on: a click
     * that submits a form returns before the next page has loaded, so reading the URL right after it races the
     * server (seen once in CI: a URL still at /login after a correct sign-in).
     */
    public static void clickAndWaitForTheNextPage(ChromeDriver browser, org.openqa.selenium.By by) {
        org.openqa.selenium.WebElement target = browser.findElement(by);
        org.openqa.selenium.WebElement page = browser.findElement(org.openqa.selenium.By.tagName("html"));
        target.click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Saves what the browser shows to target/{name}. */
    public static void screenshot(ChromeDriver browser, String name) {
        try {
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Path out = Path.of("target", name);
            Files.createDirectories(out.getParent());
            Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
