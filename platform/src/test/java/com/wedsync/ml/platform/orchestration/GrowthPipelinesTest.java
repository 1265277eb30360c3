package com.wedsync.ml.platform.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.Api;
import com.wedsync.ml.platform.support.AwaitRun;
import com.wedsync.ml.platform.support.MlflowIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The growth kinds (viral coefficient, demand), registered only through their definition files
 * ({@code pipelines/viral-k.yaml}, {@code pipelines/demand.yaml}) and their kinds behind the SPI, run end to end
 * on real PostgreSQL, JobRunr and MLflow, compared with the simulator's ground truth and served through the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SuppressWarnings("unchecked")
class GrowthPipelinesTest extends MlflowIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineStarter steps;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    com.wedsync.ml.platform.features.FeatureStore features;

    @org.springframework.beans.factory.annotation.Value("${jobrunr.dashboard.port}")
    int dashboardPort;

    Api api;
    LocalDate today;
    UUID viral;
    UUID demand;

    @BeforeAll
    void marketplace() {
        api = Api.on(port);
        today = today();
        loader.simulateAndLoad(SimulationParameters.of(41, 2500, 36, today), ProgressListener.NONE);
        assertThat(jdbc.sql("SELECT count(*) FROM pipeline_definitions WHERE name IN ('viral-k', 'demand')").query(Long.class)
                .single()).isEqualTo(2);
        viral = steps.start("viral-k", "test", Map.of()).runId();
        demand = steps.start("demand", "test", Map.of()).runId();
        AwaitRun.succeeded(jdbc, viral, java.time.Duration.ofMinutes(5));
        AwaitRun.succeeded(jdbc, demand, java.time.Duration.ofMinutes(5));
    }

    @Test
    @Order(1)
    void theViralSeriesMeasuresTheSimulatorsTrueKAndIsGatedAndPromoted() {
        Map<String, Object> v = version("viral-k", "1");
        Map<String, Object> metrics = (Map<String, Object>) v.get("test_metrics");
        System.out.println("viral-k backtest: " + metrics);
        assertThat(v.get("status")).isEqualTo("production");
        assertThat(d(metrics, "origins")).isGreaterThanOrEqualTo(12);
        assertThat(d(metrics, "within_0_1")).isGreaterThanOrEqualTo(0.9);

        // the feature SQL measures what really happened: k and both sides, month by month
        Map<String, Map<String, Object>> byMonth = history().stream().collect(Collectors.toMap(m -> (String) m.get("month"), m -> m));
        List<Map<String, Object>> truth = jdbc.sql("SELECT to_char(month, 'YYYY-MM') AS month, k_factor, k_supplier_to_couple, "
                + "k_couple_to_supplier FROM sim_monthly_truth WHERE month < date_trunc('month', CAST(:d AS date)) ORDER BY month")
                .param("d", today).query().listOfRows();
        assertThat(truth).hasSizeGreaterThanOrEqualTo(30);
        for (Map<String, Object> t : truth) {
            Map<String, Object> m = byMonth.get((String) t.get("month"));
            assertThat(m).as("viral features of " + t.get("month")).isNotNull();
            assertThat(d(m, "k")).as("k of " + t.get("month")).isCloseTo(((Number) t.get("k_factor")).doubleValue(), within(1e-9));
            assertThat(d(m, "k_s2c")).as("k_s2c of " + t.get("month"))
                    .isCloseTo(((Number) t.get("k_supplier_to_couple")).doubleValue(), within(1e-9));
            assertThat(d(m, "k_c2s")).as("k_c2s of " + t.get("month"))
                    .isCloseTo(((Number) t.get("k_couple_to_supplier")).doubleValue(), within(1e-9));
        }
    }

    @Test
    @Order(2)
    void thePlantedInvitationDropShowsInTheViralSeriesInItsMonth() {
        LocalDate drop = jdbc.sql("SELECT starts_on FROM sim_planted_events WHERE event_type = 'anomaly_invitation_drop'")
                .query(LocalDate.class).single();
        List<Map<String, Object>> h = history();
        int at = -1;
        for (int i = 0; i < h.size(); i++) {
            if (h.get(i).get("month").equals(YearMonth.from(drop).toString())) {
                at = i;
            }
        }
        assertThat(at).as("the drop month " + drop + " is in the history").isBetween(2, h.size() - 3);
        // invitations per member, both sides, against the two months either side: the planted x0.4
        for (String side : List.of("s2c", "c2s")) {
            double[] perMember = h.stream().mapToDouble(m -> d(m, side + "_sent") / Math.max(1, d(m, side + "_members"))).toArray();
            double around = (perMember[at - 2] + perMember[at - 1] + perMember[at + 1] + perMember[at + 2]) / 4;
            System.out.printf("%s invitations per member: %.3f in %s, %.3f around it%n", side, perMember[at], drop, around);
            assertThat(perMember[at]).as(side + " invitations per member in the drop month").isLessThan(0.6 * around);
            for (int i = 0; i < h.size(); i++) {
                if (Math.abs(i - at) > 0 && i > 0) {
                    assertThat(perMember[i]).as(side + " in " + h.get(i).get("month") + ", not the drop month")
                            .isGreaterThan(perMember[at]);
                }
            }
        }
    }

    @Test
    @Order(3)
    void theViralEndpointAnswersTheSpecsShapeAndRefusesBadTimeframes() {
        HttpResponse<String> r = api.get("/api/growth/viral?timeframe=30");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("NaN").doesNotContain("Infinity");
        Map<String, Object> f = Json.readMap(r.body());
        double k = d(f, "predictedK");
        assertThat(f).containsKeys("currentK", "breakdown", "growthMultiplier", "viralScore", "optimizationOpportunities",
                "criticalThresholds", "interval", "months", "history");
        assertThat(d(f, "growthMultiplier")).isCloseTo(1 + k, within(1e-3));
        Map<String, Object> thresholds = (Map<String, Object>) f.get("criticalThresholds");
        assertThat(thresholds.get("viral")).isEqualTo(k > 1.0);
        assertThat(thresholds.get("sustainable")).isEqualTo(k > 0.7);
        assertThat(thresholds.get("declining")).isEqualTo(k < 0.5);
        Map<String, Object> interval = (Map<String, Object>) f.get("interval");
        assertThat(d(interval, "low")).isLessThanOrEqualTo(k);
        assertThat(d(interval, "high")).isGreaterThanOrEqualTo(k);
        assertThat(f.get("lastActualMonth")).isEqualTo(YearMonth.from(today).minusMonths(1).toString());
        List<Map<String, Object>> opportunities = (List<Map<String, Object>>) f.get("optimizationOpportunities");
        assertThat(opportunities).isNotEmpty();
        assertThat(opportunities).allSatisfy(o -> {
            assertThat(o.get("side")).isIn("s2c", "c2s");
            assertThat(o.get("step")).isIn("sending", "activation", "lag");
        });

        Map<String, Object> quarter = Json.readMap(api.get("/api/growth/viral?timeframe=90").body());
        assertThat((List<?>) quarter.get("months")).hasSize(3);
        assertThat(d(quarter, "growthMultiplier")).isCloseTo(Math.pow(1 + d(quarter, "predictedK"), 3), within(1e-3));

        for (String bad : List.of("0", "400", "-3", "month")) {
            HttpResponse<String> e = api.get("/api/growth/viral?timeframe=" + bad);
            assertThat(e.statusCode()).as(bad).isEqualTo(400);
            assertThat(e.body()).contains("timeframe must be a whole number of days from 1 to 365");
        }
    }

    @Test
    @Order(4)
    void theNetworkEndpointCountsTheWholeMarketplace() {
        HttpResponse<String> r = api.get("/api/growth/network");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("NaN");
        Map<String, Object> n = Json.readMap(r.body());
        long active = jdbc.sql("SELECT count(*) FROM suppliers WHERE status = 'active'").query(Long.class).single();
        long couples = jdbc.sql("SELECT count(*) FROM couples").query(Long.class).single();
        assertThat(((Number) n.get("totalSuppliers")).longValue()).isEqualTo(active);
        assertThat(((Number) n.get("totalCouples")).longValue()).isEqualTo(couples);
        double total = active + couples;
        assertThat(d(n, "metcalfeValue")).isEqualTo(total * total);
        assertThat(d(n, "density")).isCloseTo(d(n, "connections") / ((double) active * couples), within(1e-12));
    }

    @Test
    @Order(5)
    void bothGrowthModelsAreTrackedInMlflowWithTheirProductionAlias() throws Exception {
        for (String model : List.of("viral-k", "demand")) {
            String runId = (String) version(model, "1").get("mlflow_run_id");
            assertThat(runId).as(model + " MLflow run").isNotBlank();
            HttpResponse<String> alias = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mlflow.uri()
                    + "/api/2.0/mlflow/registered-models/alias?name=" + model + "&alias=production")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(alias.statusCode()).as(alias.body()).isEqualTo(200);
            assertThat(((Map<String, Object>) Json.readMap(alias.body()).get("model_version")).get("run_id")).isEqualTo(runId);
        }
    }

    @Test
    @Order(10)
    void theDemandForecastIsBacktestedAgainstSeasonalNaiveAndPromoted() {
        Map<String, Object> v = version("demand", "1");
        Map<String, Object> metrics = (Map<String, Object>) v.get("test_metrics");
        System.out.println("demand backtest: " + metrics);
        assertThat(v.get("status")).isEqualTo("production");
        assertThat(d(metrics, "mape_1m")).isLessThan(d(metrics, "mape_seasonal_naive_1m"));
        assertThat(d(metrics, "coverage_80")).isBetween(0.7, 0.9);
        assertThat(d(metrics, "origins")).isEqualTo(12);
    }

    @Test
    @Order(6)
    void theDemandForecastIsCloserToTheSimulatorsTrueEnquiryRatesThanSeasonalNaive() {
        // the same backtest the demand model is gated on (12 origins, every vendor type x region), judged against the
        // rate the simulator drew each month's enquiries from rather than against the noisy enquiries themselves
        var table = features.load(com.wedsync.ml.pipelines.growth.GrowthFeatures.DEMAND_MONTHLY, List.of(today),
                List.of("vendor_type", "region", "month", "enquiries", "suppliers"), null, null);
        List<com.wedsync.ml.models.growth.DemandForecaster.BacktestPoint> points = com.wedsync.ml.models.growth.DemandForecaster
                .backtest(com.wedsync.ml.pipelines.growth.Histories.demand(table),
                        com.wedsync.ml.models.growth.DemandForecaster.Parameters.defaults(), 12);
        Map<String, Double> truth = new java.util.HashMap<>();
        jdbc.sql("SELECT to_char(month, 'YYYY-MM'), vendor_type, region, expected_enquiries FROM sim_demand_truth")
                .query(rs -> {
                    truth.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.getDouble(4));
                });
        double ours = 0;
        double naive = 0;
        double realised = 0;
        for (var p : points) {
            Double rate = truth.get(p.month() + "|" + p.vendorType() + "|" + p.region());
            assertThat(rate).as("the true rate of " + p.vendorType() + " in " + p.region() + " in " + p.month()).isNotNull().isPositive();
            ours += Math.abs(p.forecast() - rate) / rate;
            naive += Math.abs(p.seasonalNaive() - rate) / rate;
            realised += Math.abs(p.actual() - rate) / rate;
        }
        int n = points.size();
        System.out.printf("demand against the true rates, %d series-months: forecast MAPE %.3f, seasonal naive %.3f, "
                + "the enquiries themselves %.3f%n", n, ours / n, naive / n, realised / n);
        assertThat(n).isEqualTo(12 * 8 * 10);
        assertThat(ours / n).as("MAPE of the forecast against the true rates").isLessThan(naive / n);
        // the forecast pools each vendor type's season over regions: closer to the rate than one month's noisy count
        assertThat(ours / n).as("MAPE of the forecast against the true rates, beside the enquiries' own").isLessThan(realised / n);
    }

    @Test
    @Order(7)
    void theDemandEndpointAnswersTheSpecsShapeAndNamesBadValuesWithTheValidOnes() {
        HttpResponse<String> r = api.get("/api/forecasts/demand?vendorType=photographer&region=london&horizon=6");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("NaN").doesNotContain("Infinity");
        Map<String, Object> f = Json.readMap(r.body());
        assertThat(f).containsKeys("currentDemand", "projectedDemand", "growthRate", "saturation", "opportunities", "threats",
                "recommendations", "months", "seasonality");
        List<Map<String, Object>> months = (List<Map<String, Object>>) f.get("months");
        assertThat(months).hasSize(6);
        for (Map<String, Object> m : months) {
            assertThat(d(m, "low80")).isLessThanOrEqualTo(d(m, "expected"));
            assertThat(d(m, "high80")).isGreaterThanOrEqualTo(d(m, "expected"));
        }
        assertThat(d(f, "projectedDemand")).isCloseTo(months.stream().mapToDouble(m -> d(m, "expected")).sum(), within(0.01));
        assertThat((List<String>) ((Map<String, Object>) f.get("seasonality")).get("peakMonths"))
                .containsExactly("May", "June", "September", "October");

        HttpResponse<String> badType = api.get("/api/forecasts/demand?vendorType=juggler");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("vendorType").contains("juggler").contains("photographer").contains("venue");
        HttpResponse<String> badRegion = api.get("/api/forecasts/demand?vendorType=venue&region=atlantis");
        assertThat(badRegion.statusCode()).isEqualTo(400);
        assertThat(badRegion.body()).contains("region").contains("atlantis").contains("london").contains("wales");
        for (String bad : List.of("0", "13", "x")) {
            HttpResponse<String> e = api.get("/api/forecasts/demand?vendorType=venue&horizon=" + bad);
            assertThat(e.statusCode()).as(bad).isEqualTo(400);
            assertThat(e.body()).contains("horizon");
        }
    }

    @Test
    @Order(8)
    void marketSizesAreValidatedAsAWholeAndSaturationSaysWhenOneIsMissing() {
        // seeded by the simulator: saturation is there
        Map<String, Object> seeded = Json.readMap(api.get("/api/forecasts/demand?vendorType=venue&region=wales&horizon=3").body());
        assertThat(seeded.get("saturation")).isNotNull();
        List<?> before = (List<?>) Json.read(api.get("/api/market-sizes").body(), List.class);
        HttpResponse<String> bad = api.put("/api/market-sizes", "[{\"vendorType\": \"venue\", \"region\": \"wales\", \"businesses\": 50},"
                + "{\"vendorType\": \"juggler\", \"region\": \"wales\", \"businesses\": -1}]");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("juggler").contains("businesses").contains("nothing was stored");
        assertThat((List<?>) Json.read(api.get("/api/market-sizes").body(), List.class)).isEqualTo(before);
        HttpResponse<String> csv = api.send(api.request("/api/market-sizes/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("vendor_type,region,businesses\nvenue,wales,100000\n")));
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        Map<String, Object> wide = Json.readMap(api.get("/api/forecasts/demand?vendorType=venue&region=wales&horizon=3").body());
        assertThat(d(wide, "saturation")).isLessThan(0.3);
        assertThat(((List<Map<String, Object>>) wide.get("opportunities")).stream().map(o -> o.get("type")))
                .contains("untapped_market");
        // a region name that breaks the rule anywhere (a trailing or doubled '-', upper case, too long) is named, nothing stored
        for (String region : List.of("north-", "north--west", "-north", "North", "n".repeat(65), "wales\n")) {
            HttpResponse<String> r = api.put("/api/market-sizes", "[{\"vendorType\": \"venue\", \"region\": " + Json.write(region)
                    + ", \"businesses\": 50}]");
            assertThat(r.statusCode()).as(region + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).contains("region").contains("nothing was stored");
        }
        HttpResponse<String> trailing = api.send(api.request("/api/market-sizes/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("vendor_type,region,businesses\nvenue,north-,100\n")));
        assertThat(trailing.statusCode()).as(trailing.body()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM market_sizes WHERE region !~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'").query(Long.class).single())
                .isZero();
        jdbc.sql("DELETE FROM market_sizes WHERE vendor_type = 'venue' AND region = 'wales'").update();
        Map<String, Object> missing = Json.readMap(api.get("/api/forecasts/demand?vendorType=venue&region=wales&horizon=3").body());
        assertThat(missing.get("saturation")).isNull();
        assertThat((String) ((Map<String, Object>) missing.get("marketSize")).get("note")).contains("No market size is recorded");
    }

    @Test
    @Order(9)
    void theAnalyticsPageShowsTheViralAndDemandSectionsInABrowserAndTheDemandChoiceWorks() {
        org.openqa.selenium.chrome.ChromeDriver browser = com.wedsync.ml.platform.support.Browser.start(null);
        try {
            com.wedsync.ml.platform.support.Browser.signIn(browser, api, "/analytics", "viewer");
            assertThat(browser.getCurrentUrl()).matches(".*/analytics(\\?continue)?");
            String text = browser.findElement(org.openqa.selenium.By.tagName("body")).getText();
            assertThat(text).contains("Viral coefficient k, next 30 days").contains("Demand by vendor type")
                    .doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("No viral prediction").doesNotContain("No demand forecast");

            // viral: actual k, its forecast and band, both sides, the three thresholds in the plot
            var viral = browser.findElement(org.openqa.selenium.By.id("viral-chart"));
            for (String css : List.of("path.actual", "path.baseline", "path.band", "path.s2c", "path.c2s")) {
                assertThat(viral.findElements(org.openqa.selenium.By.cssSelector(css))).as(css).hasSize(1);
                assertThat(viral.findElement(org.openqa.selenium.By.cssSelector(css)).getAttribute("d")).as(css).startsWith("M");
            }
            var thresholds = viral.findElements(org.openqa.selenium.By.cssSelector("line.threshold"));
            assertThat(thresholds).hasSize(3);
            double top = Double.NaN;
            for (var line : thresholds) {
                double y = Double.parseDouble(line.getAttribute("y1"));
                assertThat(y).as("a threshold inside the plot").isBetween(0.0, Double.parseDouble(viral.getAttribute("height")));
                assertThat(Double.isNaN(top) || y < top).as("1.0 above 0.7 above 0.5").isTrue();
                top = y;
            }
            // a legend names each series; every point carries its value, shown on hover
            assertThat(viral.findElements(org.openqa.selenium.By.cssSelector("g.legend text.legend-label")).stream()
                    .map(org.openqa.selenium.WebElement::getText).toList())
                    .containsExactly("k", "predicted k", "80% interval", "supplier to couple", "couple to supplier");
            var markers = viral.findElements(org.openqa.selenium.By.cssSelector("circle.marker"));
            assertThat(markers).hasSizeGreaterThan(20);
            var lastMarker = markers.get(markers.size() - 1);
            assertThat(lastMarker.findElement(org.openqa.selenium.By.tagName("title")).getAttribute("textContent"))
                    .matches("\\d{4}-\\d{2}: predicted k \\d\\.\\d\\d \\(80% interval \\d\\.\\d\\d to \\d\\.\\d\\d\\)");
            String idle = lastMarker.getCssValue("fill");
            new org.openqa.selenium.interactions.Actions(browser).moveToElement(lastMarker).perform();
            assertThat(lastMarker.getCssValue("fill")).as("the marker under the pointer shows").isNotEqualTo(idle);

            // the predicted k on the page is the API's
            Map<String, Object> answer = Json.readMap(api.get("/api/growth/viral?timeframe=30").body());
            assertThat(browser.findElement(org.openqa.selenium.By.id("viral-summary")).getText())
                    .contains(String.format(java.util.Locale.ROOT, "k %.2f (80%% interval", d(answer, "predictedK")));

            // demand: every vendor type a row of 12 months, the peaks outlined, photographers' May, June, September, October
            List<String> types = ((List<Map<String, Object>>) Json.readMap(api.get("/api/forecasts/demand").body()).get("vendorTypes"))
                    .stream().map(t -> (String) t.get("vendorType")).toList();
            assertThat(types).contains("photographer", "venue", "planner", "florist");
            var heat = browser.findElement(org.openqa.selenium.By.id("demand-heatmap"));
            assertThat(heat.findElements(org.openqa.selenium.By.cssSelector("rect.cell"))).hasSize(12 * types.size());
            var photographer = heat.findElement(org.openqa.selenium.By.cssSelector("g[data-vendor-type='photographer']"));
            assertThat(photographer.findElements(org.openqa.selenium.By.cssSelector("rect.peak")).stream()
                    .map(r -> r.getAttribute("data-month")).toList()).containsExactly("5", "6", "9", "10");
            assertThat(browser.findElement(org.openqa.selenium.By.id("demand-forecast"))
                    .findElements(org.openqa.selenium.By.cssSelector("path.band"))).hasSize(1);

            // choose venues in wales with the form: the page reloads with that series
            new org.openqa.selenium.support.ui.Select(browser.findElement(org.openqa.selenium.By.name("vendorType"))).selectByValue("venue");
            com.wedsync.ml.platform.support.Browser.clickAndWaitForTheNextPage(browser,
                    org.openqa.selenium.By.cssSelector("#demand-choice button"));
            new org.openqa.selenium.support.ui.Select(browser.findElement(org.openqa.selenium.By.name("region"))).selectByValue("wales");
            com.wedsync.ml.platform.support.Browser.clickAndWaitForTheNextPage(browser,
                    org.openqa.selenium.By.cssSelector("#demand-choice button"));
            assertThat(browser.getCurrentUrl()).contains("vendorType=venue").contains("region=wales");
            assertThat(browser.findElement(org.openqa.selenium.By.id("demand-series")).getText())
                    .isEqualTo("Enquiries for venues, wales");
            Map<String, Object> wales = Json.readMap(api.get("/api/forecasts/demand?vendorType=venue&region=wales&horizon=12").body());
            assertThat(browser.findElement(org.openqa.selenium.By.id("demand-summary")).getText())
                    .contains(String.format(java.util.Locale.ROOT, "%,.0f expected", d(wales, "projectedDemand")));

            // a region the vendor type does not have is named on the page, with the valid ones; no error page
            browser.get(api.base() + "/analytics?vendorType=venue&region=atlantis");
            assertThat(browser.findElement(org.openqa.selenium.By.id("demand-problem")).getText()).contains("atlantis").contains("wales");
            assertThat(browser.findElements(org.openqa.selenium.By.id("demand-heatmap"))).hasSize(1);
            browser.get(api.base() + "/analytics?vendorType=photographer&region=london");
            browser.executeScript("document.getElementById('viral').scrollIntoView()");
            com.wedsync.ml.platform.support.Browser.screenshot(browser, "analytics-viral.png");
            browser.executeScript("document.getElementById('demand').scrollIntoView()");
            com.wedsync.ml.platform.support.Browser.screenshot(browser, "analytics-demand.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(11)
    void requeueingEveryStepOfBothRunsFromTheDashboardChangesNothing() throws Exception {
        String counts = "SELECT (SELECT count(*) FROM ml_models WHERE model_name IN ('viral-k', 'demand')) || '/' || "
                + "(SELECT count(*) FROM ml_model_state_history h JOIN ml_models m ON m.id = h.model_id "
                + "  WHERE m.model_name IN ('viral-k', 'demand')) || '/' || "
                + "(SELECT count(*) FROM ml_models WHERE model_name IN ('viral-k', 'demand') AND status = 'production') || '/' || "
                + "(SELECT count(*) FROM tracking_outbox o JOIN ml_models m ON m.id = o.model_id "
                + "  WHERE m.model_name IN ('viral-k', 'demand'))";
        String before = jdbc.sql(counts).query(String.class).single();
        assertThat(before).matches("2/\\d+/2/\\d+");
        Map<String, Long> mlflowVersions = new java.util.HashMap<>();
        for (String model : List.of("viral-k", "demand")) {
            mlflowVersions.put(model, mlflowVersionCount(model));
        }
        var dashboard = com.wedsync.ml.platform.support.Dashboard.on(dashboardPort, DASHBOARD_PASSWORD, jdbc);
        for (UUID run : List.of(viral, demand)) {
            for (String step : List.of("features", "train", "validate", "promote")) {
                dashboard.requeueAndAwait(com.wedsync.ml.platform.jobs.StepIds.of(run, step), java.time.Duration.ofMinutes(3));
            }
        }
        assertThat(jdbc.sql(counts).query(String.class).single()).as("versions / transitions / in production / tracking records").isEqualTo(before);
        for (String model : List.of("viral-k", "demand")) {
            assertThat(mlflowVersionCount(model)).as(model + " versions in MLflow").isEqualTo(mlflowVersions.get(model));
        }
    }

    long mlflowVersionCount(String model) throws Exception {
        // the outbox delivers asynchronously: wait until it has nothing pending for this model, then count
        for (long deadline = System.currentTimeMillis() + 60_000; jdbc.sql("SELECT count(*) FROM tracking_outbox WHERE "
                + "status = 'pending'").query(Long.class).single() > 0; Thread.sleep(300)) {
            assertThat(System.currentTimeMillis()).as("the MLflow outbox drains").isLessThan(deadline);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mlflow.uri()
                + "/api/2.0/mlflow/model-versions/search?filter=" + java.net.URLEncoder.encode("name='" + model + "'",
                java.nio.charset.StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Object versions = Json.readMap(r.body()).get("model_versions");
        return versions instanceof List<?> l ? l.size() : 0;
    }

    // ---- helpers ----

    List<Map<String, Object>> history() {
        return jdbc.sql("SELECT features::text FROM ml_feature_store WHERE feature_set = 'viral_monthly' AND as_of = :d")
                .param("d", today).query(String.class).list().stream().map(Json::readMap)
                .sorted(java.util.Comparator.comparing(m -> (String) m.get("month"))).toList();
    }

    Map<String, Object> version(String model, String version) {
        return jdbc.sql("SELECT json_build_object('status', status, 'test_metrics', test_metrics, 'mlflow_run_id', mlflow_run_id)::text "
                        + "FROM ml_models WHERE model_name = :m AND version = :v")
                .param("m", model).param("v", version).query(String.class).optional().map(Json::readMap).orElseThrow();
    }

    static double d(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }
}
