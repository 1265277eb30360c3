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

    AnalyticsController(AnalyticsQueries queries) {
        this.queries = queries;
    }

    @GetMapping(value = "/analytics", produces = MediaType.TEXT_HTML_VALUE)
    String page(Model model) {
        model.addAttribute("fmt", Format.PAGE);
        model.addAttribute("mrr", MrrSection.of(queries::mrrForecast));
        model.addAttribute("churn", queries.churnMatrix());
        model.addAttribute("ltv", LtvSection.of(queries.ltvPredictions()));
        model.addAttribute("models", queries.modelsInProduction());
        model.addAttribute("experiments", queries.experiments());
        return "analytics/page";
    }
}
