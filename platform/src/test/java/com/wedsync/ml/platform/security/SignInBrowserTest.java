package com.wedsync.ml.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.Browser;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;

/**
 * The pages as a person meets them in a real headless Chromium: the analytics page sends a stranger to the sign-in
 * page, a viewer signs in and reads it (styled from its stylesheet under the content security policy, nothing
 * blocked), signs out, and the JobRunr dashboard refuses a browser without its credentials.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInBrowserTest extends PostgresIntegrationTest {

    @LocalServerPort
    int port;

    @Value("${jobrunr.dashboard.port}")
    int dashboardPort;

    ChromeDriver browser;

    @BeforeAll
    void browser() {
        browser = Browser.start(null);
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theAnalyticsPageSendsAStrangerToSignInAndShowsItselfToAViewer() {
        Api api = Api.on(port);
        browser.manage().deleteAllCookies();
        browser.get(api.base() + "/analytics");
        assertThat(browser.getCurrentUrl()).as("redirected to the sign-in page").endsWith("/login");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in to WedSync ML");

        // a wrong password stays on the sign-in page and says so
        browser.findElement(By.id("username")).sendKeys("viewer");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        Browser.clickAndWaitForTheNextPage(browser, By.id("sign-in"));
        assertThat(browser.getCurrentUrl()).contains("/login?error");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Wrong user name or password");

        Browser.signIn(browser, api, "/analytics", "viewer");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*/analytics(\\?continue)?$"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("WedSync ML analytics");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Models in production");
        // the stylesheet applied (the policy allows no inline style): body text is #222 = rgb(34, 34, 34)
        assertThat(browser.findElement(By.tagName("body")).getCssValue("color")).isIn("rgba(34, 34, 34, 1)", "rgb(34, 34, 34)");
        Browser.screenshot(browser, "analytics-signed-in.png");

        Browser.clickAndWaitForTheNextPage(browser, By.cssSelector("form.signout button"));
        assertThat(browser.getCurrentUrl()).contains("/login?signed-out");
        browser.get(api.base() + "/analytics");
        assertThat(browser.getCurrentUrl()).as("signed out: sent to sign in again").endsWith("/login");
    }

    @Test
    void theDashboardRefusesABrowserWithoutItsCredentials() {
        browser.get("http://localhost:" + dashboardPort + "/api/servers");
        String body = browser.findElement(By.tagName("body")).getText();
        assertThat(body).doesNotContain("BackgroundJobServerStatus").doesNotContain("workerPoolSize");
        // and without credentials JobRunr answers 401 (a browser shows its own sign-in prompt, which headless Chromium cancels)
        assertThat(Api.on(dashboardPort).anonymous().get("/api/servers").statusCode()).isEqualTo(401);
    }
}
