package com.wedsync.ml.platform.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The page's templates rendered through Thymeleaf's engine (with Spring's expression language, as the
 * application renders them) from fixture records: no database, no Spring context.
 */
class AnalyticsTemplatesTest {

    static SpringTemplateEngine engine;

    @BeforeAll
    static void engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    static String render(MrrSection mrr, ChurnMatrix churn, double[] ltv, List<ProductionModel> models, List<ExperimentSummary> experiments) {
        return render(mrr, churn, ltv, models, experiments, ViralSection.of(() -> {
            throw new IllegalStateException("model 'viral-k' has no production version yet");
        }), DemandSection.of(() -> {
            throw new IllegalStateException("model 'demand' has no production version yet");
        }, t -> List.of(), null, null, (t, r) -> null));
    }

    static String render(MrrSection mrr, ChurnMatrix churn, double[] ltv, List<ProductionModel> models, List<ExperimentSummary> experiments,
                         ViralSection viral, DemandSection demand) {
        Context c = new Context();
        c.setVariable("viral", viral);
        c.setVariable("demand", demand);
        c.setVariable("fmt", Format.PAGE);
        c.setVariable("mrr", mrr);
        c.setVariable("churn", churn);
        c.setVariable("ltv", LtvSection.of(ltv));
        c.setVariable("models", models);
        c.setVariable("experiments", experiments);
        // whitespace collapsed, as a browser shows the text
        return engine.process("analytics/page", c).replaceAll("\\s+", " ");
    }

    static String full() {
        return render(MrrSection.of(() -> AnalyticsFixtures.forecast(12, "Hold prices <b>steady</b> & watch churn")),
                AnalyticsFixtures.churn(), AnalyticsFixtures.ltv(101), AnalyticsFixtures.models(), AnalyticsFixtures.experiments());
    }

    static int count(String html, String regex) {
        return (int) Pattern.compile(regex).matcher(html).results().count();
    }

    @Test
    void everySectionIsThereInTheLayoutWithItsHeading() {
        String html = full();
        assertThat(html).startsWith("<!doctype html>").contains("<title>WedSync ML analytics</title>").contains("<h1>WedSync ML analytics</h1>")
                .contains("<h2 id=\"mrr\">MRR forecast, next 12 months</h2>")
                .contains("<h2 id=\"churn\">Churn risk by vendor type (latest batch scores)</h2>")
                .contains("<h2 id=\"ltv\">LTV distribution, next 6 months (latest batch scores)</h2>")
                .contains("<h2 id=\"health\">Models in production</h2>").contains("<h2 id=\"experiments\">A/B experiments</h2>")
                .doesNotContain("<script").doesNotContain(" th:").doesNotContain("xmlns:th");
    }

    @Test
    void theMrrSectionHasTheChartWithAxesAndTheForecastInWords() {
        String html = full();
        MrrChart chart = MrrChart.of(AnalyticsFixtures.forecast(12));
        assertThat(html).contains("<svg id=\"mrr-forecast\" width=\"900\" height=\"300\" role=\"img\" aria-label=\"MRR forecast\">");
        assertThat(count(html, "<path class=\"band\" d=\"M[^\"]+Z\"")).isEqualTo(1);
        assertThat(count(html, "<path class=\"baseline\" d=\"M")).isEqualTo(1);
        assertThat(count(html, "<path class=\"actual\" d=\"M")).isEqualTo(1);
        assertThat(count(html, "<path class=\"scenario (optimistic|pessimistic)\" d=\"M")).isEqualTo(2);
        assertThat(html).contains("d=\"" + chart.baseline() + "\"");
        // a gridline and a label per y tick, a label per labelled month
        String svg = html.substring(html.indexOf("<svg id=\"mrr-forecast\""), html.indexOf("</svg>"));
        String grid = svg.substring(svg.indexOf("<g class=\"grid\">"), svg.indexOf("</g>"));
        assertThat(count(grid, "<line ")).isEqualTo(chart.yTicks().size());
        chart.yTicks().forEach(t -> assertThat(svg).contains(">" + t.label() + "</text>"));
        assertThat(svg).contains(">2025-02</text>").contains(">2026-12</text>");
        assertThat(html).contains("Last actual 2026-01: 100,000.").contains("2026-02: 101,500;").contains("2027-01: 118,000")
                .contains("(80% band 112,000 to 122,800; scenarios 107,200 to 127,600).")
                .contains("Black: actual; blue: baseline and its 80% Monte Carlo band; dashed: scenarios.");
    }

    @Test
    void textIsEscaped() {
        String html = full();
        assertThat(html).contains("<li>Hold prices &lt;b&gt;steady&lt;/b&gt; &amp; watch churn</li>").doesNotContain("<b>steady");
        String unavailable = render(MrrSection.of(() -> {
            throw new IllegalStateException("model 'mrr-forecast' has <no> production version yet");
        }), AnalyticsFixtures.churn(), new double[0], List.of(), List.of());
        assertThat(unavailable).contains("<p class=\"empty\">model &#39;mrr-forecast&#39; has &lt;no&gt; production version yet</p>")
                .doesNotContain("<svg id=\"mrr-forecast\"");
    }

    @Test
    void theLtvSectionHasTwentyBarsWithTitlesAndTheCountMedianAndTotal() {
        String html = full();
        assertThat(count(html, "<rect class=\"bar\"")).isEqualTo(20);
        assertThat(html).contains("<svg id=\"ltv-histogram\"").contains("<title>0 to 250: 5 suppliers</title>")
                .contains(">5,000</text>");
        // 0, 50, ..., 5,000: 101 values, median 2,500; the even count below is the mean of the two middle ones
        assertThat(html).contains("101 suppliers; median 2,500, total 252,500.");
        String even = render(MrrSection.of(() -> AnalyticsFixtures.forecast(3)), AnalyticsFixtures.churn(), new double[] {100, 400, 200, 300},
                List.of(), List.of());
        assertThat(even).contains("4 suppliers; median 250, total 1,000.");
    }

    @Test
    void neitherNaNNorInfinityIsEverPrinted() {
        MrrForecast f = AnalyticsFixtures.forecast(12);
        List<MrrForecast.Month> months = new java.util.ArrayList<>(f.months());
        MrrForecast.Month last = months.get(11);
        months.set(11, new MrrForecast.Month(last.month(), Double.NaN, Double.POSITIVE_INFINITY, last.pessimistic(), Double.NaN, last.p90()));
        List<MrrForecast.Actual> actuals = new java.util.ArrayList<>(f.actuals());
        actuals.set(4, new MrrForecast.Actual(actuals.get(4).month(), Double.NaN));
        String html = render(MrrSection.of(() -> new MrrForecast(actuals, f.lastActualMonth(), Double.NaN, months, List.of())),
                AnalyticsFixtures.churn(), new double[] {10, Double.NaN, 30, Double.NEGATIVE_INFINITY}, AnalyticsFixtures.models(), List.of());
        assertThat(html).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(html).contains("Last actual 2026-01: -.").contains("2027-01: - (80% band - to 122,800; scenarios 107,200 to -).")
                .contains("2 suppliers; median 20, total 40.").contains("2 predicted values were not finite numbers and are left out.");
    }

    @Test
    void theTablesListTheRecords() {
        String html = full();
        assertThat(html).contains("<table id=\"churn-matrix\">").contains("<th>low</th><th>medium</th><th>high</th><th>critical</th>")
                .containsPattern("<td class=\"l\">florist</td><td>40</td><td>12</td><td>3</td><td>1</td>");
        assertThat(html).contains("<table id=\"models\">").contains("<td class=\"l\">within_10pct 0.612, r2 0.800</td>")
                .contains("<td class=\"l\">no_drift</td><td>2</td>");
        assertThat(html).contains("<table id=\"experiment-list\">").contains("<td class=\"l\">churn-v2-vs-v1</td>").contains("<td>1200</td>");
    }

    @Test
    void emptySectionsSaySo() {
        String html = render(MrrSection.of(() -> {
            throw new IllegalStateException("no forecast");
        }), new ChurnMatrix(ChurnMatrix.LEVELS, List.of()), new double[0], List.of(), List.of());
        assertThat(html).contains("No churn predictions from a production churn model yet.")
                .contains("No LTV predictions from a production LTV model yet.").contains("No model in production yet.")
                .contains("No experiments yet (POST /api/experiments).")
                .doesNotContain("<table").doesNotContain("<svg");
    }

    static String growth(ViralSection viral, DemandSection demand) {
        return render(MrrSection.of(() -> AnalyticsFixtures.forecast(12)), AnalyticsFixtures.churn(), AnalyticsFixtures.ltv(10),
                List.of(), List.of(), viral, demand);
    }

    static DemandSection demandSection(String vendorType, String region) {
        return DemandSection.of(AnalyticsFixtures::demandByType, t -> List.of("north", "south"), vendorType, region, (t, r) -> {
            if (!List.of("all", "north", "south").contains(r)) {
                throw new IllegalArgumentException("unknown region '" + r + "' for vendorType '" + t + "'; valid values: north, south");
            }
            return AnalyticsFixtures.demandByType().stream().filter(f -> f.vendorType().equals(t)).findFirst().orElseThrow();
        });
    }

    @Test
    void theViralSectionDrawsKBothSidesTheBandAndTheThreeThresholdsAndSaysItInWords() {
        ViralSection viral = ViralSection.of(AnalyticsFixtures::viral);
        String html = growth(viral, demandSection(null, null));
        assertThat(html).contains("<h2 id=\"viral\">Viral coefficient k, next 30 days</h2>").contains("<svg id=\"viral-chart\"");
        String svg = html.substring(html.indexOf("<svg id=\"viral-chart\""), html.indexOf("</svg>", html.indexOf("<svg id=\"viral-chart\"")));
        assertThat(count(svg, "<path class=\"band\" d=\"M[^\"]+Z\"")).isEqualTo(1);
        assertThat(count(svg, "<path class=\"actual\" d=\"M")).isEqualTo(1);
        assertThat(count(svg, "<path class=\"baseline\" d=\"M")).isEqualTo(1);
        assertThat(count(svg, "<path class=\"side s2c\" d=\"M")).isEqualTo(1);
        assertThat(count(svg, "<path class=\"side c2s\" d=\"M")).isEqualTo(1);
        // the three thresholds, each a line across the plot at its value and labelled, 1.0 above 0.7 above 0.5
        assertThat(svg).contains(">declining 0.50</text>").contains(">sustainable 0.70</text>").contains(">viral 1.00</text>");
        List<ViralSection.Threshold> t = viral.chart().thresholds();
        assertThat(t).extracting(ViralSection.Threshold::value).containsExactly(0.5, 0.7, 1.0);
        assertThat(t.get(2).y()).isLessThan(t.get(1).y());
        assertThat(t.get(1).y()).isLessThan(t.get(0).y());
        assertThat(t.get(0).y()).isLessThan(viral.chart().frame().plotBottom());
        assertThat(t.get(2).y()).isGreaterThanOrEqualTo(viral.chart().frame().plotTop());
        assertThat(html).contains("In 2026-01 k was 0.63 (supplier to couple 0.38, couple to supplier 0.25).")
                .contains("Over the next 30 days: k 0.66 (80% interval 0.58 to 0.74), below sustainable (k between 0.50 and 0.70);")
                .contains("growth multiplier 1.66, viral score 66 of 100.")
                .contains("<td class=\"l\">Make it easier for an invited supplier to &lt;join&gt;</td>");
        // the network's depth is in the forecast of s2c only, and the page says so with what it saves
        assertThat(html).contains("<p id=\"viral-network\">Network effect (suppliers per couple at the previous month&#39;s end): "
                + "in the forecast of s2c (coefficient 0.09, t 4.2; one-month error 0.018 against 0.030 without it); "
                + "not in that of k, c2s (no significant effect that lowers the error).</p>");
    }

    @Test
    void theDemandSectionHasTheHeatMapWithPeaksOutlinedAndTheChosenSeriesForecast() {
        String html = growth(ViralSection.of(AnalyticsFixtures::viral), demandSection("florist", "north"));
        assertThat(html).contains("<h2 id=\"demand\">Demand by vendor type</h2>").contains("<svg id=\"demand-heatmap\"");
        // two vendor types x 12 months; the photographer's five peak months and the florist's June outlined
        assertThat(count(html, "<rect class=\"cell( peak)?\"")).isEqualTo(24);
        assertThat(count(html, "<rect class=\"cell peak\"")).isEqualTo(6);
        assertThat(html).contains("<title>florist, June: seasonal factor 1.90 (peak month)</title>")
                .contains("<title>photographer, January: seasonal factor 0.50</title>")
                .contains("<span>photographer May, June, July, August, September</span>; <span>florist June</span>");
        // darkest where the factor is largest in the map
        assertThat(html).containsPattern("fill-opacity=\"1.0\" data-month=\"6\"><title>florist, June");
        // the choice form keeps the chosen values; the chosen series is drawn with its band
        assertThat(html).contains("<option value=\"florist\" selected=\"selected\">florist</option>")
                .contains("<option value=\"north\" selected=\"selected\">north</option>").contains("<option value=\"all\">all</option>");
        assertThat(html).contains("<svg id=\"demand-forecast\"").containsPattern("<svg id=\"demand-forecast\"[^>]*>.*<path class=\"band\" d=\"M[^\"]+Z\"");
        assertThat(html).contains("2026-01: 100 enquiries. Next 12 months: 1,320 expected, 10% on the same months a year earlier;")
                .contains("saturation unknown (No market size is recorded for florist in all).")
                .contains("<li>Record the market size for florist in all to see saturation</li>");
    }

    @Test
    void aBadDemandChoiceIsNamedOnThePageAndTheHeatMapStays() {
        String html = growth(ViralSection.of(AnalyticsFixtures::viral), demandSection("florist", "atlantis"));
        assertThat(html).contains("<p class=\"empty\" id=\"demand-problem\">unknown region &#39;atlantis&#39; for vendorType &#39;florist&#39;;"
                + " valid values: north, south</p>").contains("<svg id=\"demand-heatmap\"").doesNotContain("<svg id=\"demand-forecast\"");
    }

    @Test
    void withoutGrowthModelsBothSectionsSaySoInASentence() {
        String html = full();
        assertThat(html).contains("<p class=\"empty\">No viral prediction: model &#39;viral-k&#39; has no production version yet</p>")
                .contains("<p class=\"empty\">No demand forecast: model &#39;demand&#39; has no production version yet</p>")
                .doesNotContain("<svg id=\"viral-chart\"").doesNotContain("<svg id=\"demand-heatmap\"");
    }

    @Test
    void everyLineChartHasALegendHoverValuesAndItsUnit() {
        String html = growth(ViralSection.of(AnalyticsFixtures::viral), demandSection("florist", "all"));
        for (String id : List.of("mrr-forecast", "viral-chart", "demand-forecast")) {
            int at = html.indexOf("<svg id=\"" + id + "\"");
            assertThat(at).as(id).isPositive();
            String svg = html.substring(at, html.indexOf("</svg>", at));
            assertThat(svg).as(id + " legend").contains("<g class=\"legend\">").contains("class=\"legend-label\"");
            assertThat(svg).as(id + " unit").contains("class=\"unit\" transform=\"rotate(-90)\"");
            assertThat(count(svg, "<circle class=\"marker\"")).as(id + " markers").isGreaterThan(10);
        }
        // MRR: 12 actual and 12 forecast months, each with its value to hover
        String mrr = html.substring(html.indexOf("<svg id=\"mrr-forecast\""), html.indexOf("</svg>", html.indexOf("<svg id=\"mrr-forecast\"")));
        assertThat(count(mrr, "<circle class=\"marker\"")).isEqualTo(24);
        assertThat(mrr).contains("<title>2026-01: actual 100,000</title>")
                .contains("<title>2026-02: baseline 101,500 (80% band 101,000 to 101,900; scenarios 100,600 to 102,300)</title>")
                .contains(">actual MRR</text>").contains(">80% Monte Carlo band</text>").contains(">MRR per month</text>");
        assertThat(html).contains("<title>2026-02: predicted k 0.66 (80% interval 0.58 to 0.74)</title>")
                .contains("<title>2026-01: k 0.63 (supplier to couple 0.38, couple to supplier 0.25)</title>")
                .contains("<title>2026-02: 110 expected (80% interval 90 to 130)</title>").contains(">enquiries per month</text>");
    }

    @Test
    void theChurnMatrixShowsTheSpecsThresholdsAndTheSpreadTheLevelsHide() {
        ChurnMatrix m = new ChurnMatrix(ChurnMatrix.LEVELS, List.of(
                new ChurnMatrix.Row("florist", List.of(98L, 2L, 0L, 0L), 0.041, 0.122, 0.36, 7),
                new ChurnMatrix.Row("venue", List.of(50L, 0L, 0L, 0L), 0.02, 0.05, 0.09, 0)), 0.11);
        String html = render(MrrSection.of(() -> AnalyticsFixtures.forecast(3)), m, new double[0], List.of(), List.of());
        assertThat(html).contains("<th class=\"range\">p &le; 0.3</th><th class=\"range\">0.3 &ndash; 0.5</th>")
                .contains("<th class=\"range\">p &gt; 0.7</th>")
                .contains("<td class=\"l\">florist</td><td>98</td><td>2</td><td>0</td><td>0</td> <td>100</td> <td>0.041</td> <td>0.122</td> "
                        + "<td>0.360</td> <td>7</td>")
                .contains("The riskiest 10% of the marketplace have a probability of 0.110 or more, whatever their level.");
    }
}
