package com.wedsync.ml.platform.analytics;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The analytics page product people read: the MRR forecast with its scenario band, the churn-risk
 * matrix, the LTV distribution, model health and experiments. Server-rendered HTML with inline SVG (no
 * script, nothing fetched from elsewhere), from the production models and today's logged predictions:
 * {@link AnalyticsQueries} reads them, the sections' records lay out the charts, and the templates under
 * {@code templates/analytics/} (a layout and one fragment per section) print them.
 */
@Controller
class AnalyticsController {

    private final AnalyticsQueries queries;
    private final com.wedsync.ml.platform.anomalies.Anomalies anomalies;
    private final java.time.Clock clock;

    AnalyticsController(AnalyticsQueries queries, com.wedsync.ml.platform.anomalies.Anomalies anomalies, java.time.Clock clock) {
        this.queries = queries;
        this.anomalies = anomalies;
        this.clock = clock;
    }

    @GetMapping(value = "/analytics", produces = MediaType.TEXT_HTML_VALUE)
    String page(Model model, @org.springframework.web.bind.annotation.RequestParam(required = false) String vendorType,
                @org.springframework.web.bind.annotation.RequestParam(required = false) String region) {
        model.addAttribute("fmt", Format.PAGE);
        model.addAttribute("mrr", MrrSection.of(queries::mrrForecast));
        model.addAttribute("churn", queries.churnMatrix());
        model.addAttribute("ltv", LtvSection.of(queries.ltvPredictions()));
        model.addAttribute("viral", ViralSection.of(queries::viral));
        String type = vendorType == null ? null : bounded(vendorType);
        model.addAttribute("demand", DemandSection.of(queries::demandByVendorType,
                queries::demandRegions, type, region == null ? null : bounded(region), queries::demand));
        model.addAttribute("anomalies", AnomalySection.of(anomalies.list(null, null, 200),
                java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)));
        model.addAttribute("models", queries.modelsInProduction());
        model.addAttribute("experiments", queries.experiments());
        return "analytics/page";
    }

    /** A chosen vendor type or region as the page repeats it: trimmed, at most 64 characters. */
    private static String bounded(String value) {
        String v = value.strip();
        return v.length() > 64 ? v.substring(0, 64) : v;
    }
}
