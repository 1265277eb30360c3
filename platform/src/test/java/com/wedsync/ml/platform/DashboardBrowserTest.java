package com.wedsync.ml.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import com.wedsync.ml.platform.jobs.Jobs;
import com.wedsync.ml.platform.startup.StartupPipelines;
import com.wedsync.ml.platform.support.Browser;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The JobRunr dashboard as an operator uses it, in a real headless Chromium (Debian's chromium and
 * chromium-driver; {@code .ci/run} installs them): the recurring jobs of the pipelines are listed, a
 * finished job's page shows it, and its Requeue button runs it again, once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest extends PostgresIntegrationTest {

    @Value("${jobrunr.dashboard.port}")
    int dashboardPort;
    @Autowired
    Jobs jobs;

    ChromeDriver browser;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void browser() {
        browser = Browser.start("admin:" + DASHBOARD_PASSWORD);
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorSeesThePipelinesRecurringJobsAndRequeuesAFinishedJobOnce() throws Exception {
        UUID id = UUID.randomUUID();
        jobs.enqueueOnce(id, (StartupPipelines s) -> s.startMissing());
        awaitProcessedTimes(id, 1);

        String base = "http://localhost:" + dashboardPort + "/dashboard";
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(base + "/recurring-jobs");
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "pipeline-churn"));
        } catch (RuntimeException e) {
            screenshot("dashboard-failure.png");
            Files.writeString(Path.of("target", "dashboard-failure.html"), browser.getPageSource());
            throw e;
        }
        String recurring = browser.findElement(By.tagName("body")).getText();
        assertThat(recurring).contains("pipeline-churn").contains("pipeline-ltv").contains("pipeline-mrr-forecast")
                .contains("mlflow-tracking-replay").contains("outcomes").doesNotContain("churn-outcomes")
                .contains("churn: scheduled run");
        screenshot("dashboard-recurring-jobs.png");

        browser.get(base + "/jobs/" + id);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Start the pipelines that have no production model"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Succeeded");
        screenshot("dashboard-job.png");

        // the operator's rerun: the Requeue button on the job's page
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[contains(., 'Requeue')]"))).click();
        awaitProcessedTimes(id, 2);
        Thread.sleep(1500);
        assertThat(processedTimes(id)).as("one click, one rerun").isEqualTo(2);
    }

    void awaitProcessedTimes(UUID id, int times) throws Exception {
        for (long deadline = System.currentTimeMillis() + 60_000; System.currentTimeMillis() < deadline; Thread.sleep(300)) {
            String job = dashboardApi("/api/jobs/" + id);
            if (processedTimes(job) >= times && job.endsWith("}") && lastState(job).equals("SUCCEEDED")) {
                return;
            }
        }
        throw new AssertionError("job " + id + " was not processed " + times + " time(s) within a minute: " + dashboardApi("/api/jobs/" + id));
    }

    int processedTimes(UUID id) throws Exception {
        return processedTimes(dashboardApi("/api/jobs/" + id));
    }

    static int processedTimes(String job) {
        return job.split("\"state\":\"PROCESSING\"", -1).length - 1;
    }

    static String lastState(String job) {
        int i = job.lastIndexOf("\"state\":\"");
        return i < 0 ? "" : job.substring(i + 9, job.indexOf('"', i + 9));
    }

    String dashboardApi(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + dashboardPort + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + DASHBOARD_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    void screenshot(String name) {
        Browser.screenshot(browser, name);
    }

}
