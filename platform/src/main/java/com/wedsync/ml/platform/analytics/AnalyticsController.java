package com.wedsync.ml.platform.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import com.wedsync.ml.platform.scoring.Scoring;

/**
 * The analytics page product people read: the MRR forecast with its scenario band, the churn-risk
 * matrix, the LTV distribution, model health and experiments. Server-rendered HTML with inline SVG (no
 * script, nothing fetched from elsewhere), from the production models and today's logged predictions.
 */
@RestController
class AnalyticsController {

    private final Scoring scoring;
    private final JdbcClient jdbc;

    AnalyticsController(Scoring scoring, JdbcClient jdbc) {
        this.scoring = scoring;
        this.jdbc = jdbc;
    }

    @GetMapping(value = "/analytics", produces = MediaType.TEXT_HTML_VALUE)
    String page() {
        StringBuilder h = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>WedSync ML analytics</title>
                <style>body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
                h1{font-size:24px}h2{font-size:18px;margin-top:32px}table{border-collapse:collapse}
                td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f3f3f3}
                td.l,th.l{text-align:left}.empty{color:#777;font-style:italic}.band{fill:#9cc3e6;opacity:.6}
                .actual{stroke:#222;fill:none;stroke-width:2}.baseline{stroke:#1f6fb2;fill:none;stroke-width:2}
                .scenario{stroke:#999;fill:none;stroke-dasharray:4 3}.bar{fill:#5b9f5b}</style></head><body>
                <h1>WedSync ML analytics</h1>""");
        mrr(h);
        churn(h);
        ltv(h);
        health(h);
        experiments(h);
        return h.append("</body></html>").toString();
    }

    @SuppressWarnings("unchecked")
    private void mrr(StringBuilder h) {
        h.append("<h2 id=\"mrr\">MRR forecast, next 12 months</h2>");
        Map<String, Object> f;
        try {
            f = scoring.forecast("mrr-forecast", 12, false);
        } catch (RuntimeException e) {
            h.append("<p class=\"empty\">").append(esc(e.getMessage())).append("</p>");
            return;
        }
        List<Map<String, Object>> months = (List<Map<String, Object>>) f.get("months");
        List<double[]> actual = jdbc.sql("""
                SELECT (features ->> 'mrr_end')::float8 FROM ml_feature_store
                WHERE feature_set = 'mrr_monthly' AND as_of = (SELECT max(as_of) FROM ml_feature_store WHERE feature_set = 'mrr_monthly')
                ORDER BY features ->> 'month' DESC LIMIT 12""").query((rs, i) -> new double[] {rs.getDouble(1)}).list();
        List<Double> past = new ArrayList<>();
        for (int i = actual.size() - 1; i >= 0; i--) {
            past.add(actual.get(i)[0]);
        }
        int n = past.size() + months.size();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (double v : past) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        for (Map<String, Object> m : months) {
            lo = Math.min(lo, Math.min(num(m, "pessimistic"), num((Map<String, Object>) m.get("bands"), "p10")));
            hi = Math.max(hi, Math.max(num(m, "optimistic"), num((Map<String, Object>) m.get("bands"), "p90")));
        }
        double w = 900;
        double ht = 280;
        double span = Math.max(1, hi - lo);
        double finalLo = lo;
        java.util.function.DoubleUnaryOperator y = v -> 10 + (ht - 20) * (1 - (v - finalLo) / span);
        java.util.function.IntToDoubleFunction x = i -> 40 + (w - 60) * i / Math.max(1, n - 1);
        StringBuilder band = new StringBuilder();
        StringBuilder baseline = new StringBuilder();
        StringBuilder opt = new StringBuilder();
        StringBuilder pess = new StringBuilder();
        StringBuilder act = new StringBuilder();
        for (int i = 0; i < past.size(); i++) {
            act.append(i == 0 ? "M" : "L").append(fmt(x.applyAsDouble(i))).append(' ').append(fmt(y.applyAsDouble(past.get(i))));
        }
        int off = past.size();
        double last = past.isEmpty() ? num(f, "lastActualMrr") : past.get(past.size() - 1);
        String start = past.isEmpty() ? "M" : "M" + fmt(x.applyAsDouble(off - 1)) + " " + fmt(y.applyAsDouble(last)) + " L";
        baseline.append(start);
        opt.append(start);
        pess.append(start);
        List<String> upper = new ArrayList<>();
        List<String> lower = new ArrayList<>();
        for (int i = 0; i < months.size(); i++) {
            Map<String, Object> m = months.get(i);
            Map<String, Object> b = (Map<String, Object>) m.get("bands");
            double xi = x.applyAsDouble(off + i);
            String sep = i == 0 ? "" : " L";
            baseline.append(sep).append(fmt(xi)).append(' ').append(fmt(y.applyAsDouble(num(m, "baseline"))));
            opt.append(sep).append(fmt(xi)).append(' ').append(fmt(y.applyAsDouble(num(m, "optimistic"))));
            pess.append(sep).append(fmt(xi)).append(' ').append(fmt(y.applyAsDouble(num(m, "pessimistic"))));
            upper.add(fmt(xi) + " " + fmt(y.applyAsDouble(num(b, "p90"))));
            lower.add(0, fmt(xi) + " " + fmt(y.applyAsDouble(num(b, "p10"))));
        }
        band.append("M").append(String.join(" L", upper)).append(" L").append(String.join(" L", lower)).append(" Z");
        h.append("<svg id=\"mrr-forecast\" width=\"").append((int) w).append("\" height=\"").append((int) ht)
                .append("\" role=\"img\" aria-label=\"MRR forecast\">")
                .append("<path class=\"band\" d=\"").append(band).append("\"/>")
                .append("<path class=\"scenario optimistic\" d=\"").append(opt).append("\"/>")
                .append("<path class=\"scenario pessimistic\" d=\"").append(pess).append("\"/>")
                .append(past.isEmpty() ? "" : "<path class=\"actual\" d=\"" + act + "\"/>")
                .append("<path class=\"baseline\" d=\"").append(baseline).append("\"/>")
                .append("<text x=\"0\" y=\"14\" font-size=\"11\">").append(money(hi)).append("</text>")
                .append("<text x=\"0\" y=\"").append((int) ht - 4).append("\" font-size=\"11\">").append(money(lo)).append("</text></svg>");
        Map<String, Object> first = months.get(0);
        Map<String, Object> lastMonth = months.get(months.size() - 1);
        h.append("<p>Last actual ").append(esc(String.valueOf(f.get("lastActualMonth")))).append(": ").append(money(num(f, "lastActualMrr")))
                .append(". ").append(esc(String.valueOf(first.get("month")))).append(": ").append(money(num(first, "baseline")))
                .append("; ").append(esc(String.valueOf(lastMonth.get("month")))).append(": ").append(money(num(lastMonth, "baseline")))
                .append(" (80% band ").append(money(num((Map<String, Object>) lastMonth.get("bands"), "p10"))).append(" to ")
                .append(money(num((Map<String, Object>) lastMonth.get("bands"), "p90"))).append("; scenarios ")
                .append(money(num(lastMonth, "pessimistic"))).append(" to ").append(money(num(lastMonth, "optimistic")))
                .append("). Black: actual; blue: baseline and its 80% Monte Carlo band; dashed: scenarios.</p><ul>");
        for (Object r : (List<Object>) f.get("recommendations")) {
            h.append("<li>").append(esc(String.valueOf(r))).append("</li>");
        }
        h.append("</ul>");
    }

    private void churn(StringBuilder h) {
        h.append("<h2 id=\"churn\">Churn risk by vendor type (latest batch scores)</h2>");
        List<String[]> rows = jdbc.sql("""
                SELECT p.features_used ->> 'vendor_type', p.prediction ->> 'riskLevel', count(*)
                FROM ml_predictions p JOIN ml_models m ON m.id = p.model_id AND m.status = 'production' AND m.model_name = 'churn'
                WHERE p.prediction_type = 'churn' AND p.experiment_id IS NULL
                  AND p.prediction_for_date = (SELECT max(prediction_for_date) FROM ml_predictions q WHERE q.model_id = m.id)
                GROUP BY 1, 2""").query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
        if (rows.isEmpty()) {
            h.append("<p class=\"empty\">No churn predictions from a production churn model yet.</p>");
            return;
        }
        List<String> levels = List.of("low", "medium", "high", "critical");
        Map<String, Map<String, String>> matrix = new java.util.TreeMap<>();
        for (String[] r : rows) {
            matrix.computeIfAbsent(String.valueOf(r[0]), k -> new LinkedHashMap<>()).put(r[1], r[2]);
        }
        h.append("<table id=\"churn-matrix\"><tr><th class=\"l\">vendor type</th>");
        levels.forEach(l -> h.append("<th>").append(l).append("</th>"));
        h.append("</tr>");
        matrix.forEach((type, counts) -> {
            h.append("<tr><td class=\"l\">").append(esc(type)).append("</td>");
            levels.forEach(l -> h.append("<td>").append(counts.getOrDefault(l, "0")).append("</td>"));
            h.append("</tr>");
        });
        h.append("</table>");
    }

    private void ltv(StringBuilder h) {
        h.append("<h2 id=\"ltv\">LTV distribution, next 6 months (latest batch scores)</h2>");
        List<Double> values = jdbc.sql("""
                SELECT (p.prediction ->> 'predictedValue')::float8 FROM ml_predictions p
                JOIN ml_models m ON m.id = p.model_id AND m.status = 'production' AND m.model_name = 'ltv'
                WHERE p.prediction_type = 'ltv'
                  AND p.prediction_for_date = (SELECT max(prediction_for_date) FROM ml_predictions q WHERE q.model_id = m.id)
                """).query(Double.class).list();
        if (values.isEmpty()) {
            h.append("<p class=\"empty\">No LTV predictions from a production LTV model yet.</p>");
            return;
        }
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int bins = 20;
        int[] counts = new int[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, (int) (bins * v / Math.max(1e-9, max)))]++;
        }
        int top = java.util.Arrays.stream(counts).max().orElse(1);
        h.append("<svg id=\"ltv-histogram\" width=\"900\" height=\"200\" role=\"img\" aria-label=\"LTV distribution\">");
        for (int b = 0; b < bins; b++) {
            double bh = 170.0 * counts[b] / Math.max(1, top);
            h.append("<rect class=\"bar\" x=\"").append(fmt(20 + b * 43.0)).append("\" y=\"").append(fmt(180 - bh))
                    .append("\" width=\"40\" height=\"").append(fmt(bh)).append("\"><title>").append(money(max * b / bins)).append(" to ")
                    .append(money(max * (b + 1) / bins)).append(": ").append(counts[b]).append(" suppliers</title></rect>");
        }
        h.append("<text x=\"20\" y=\"196\" font-size=\"11\">0</text><text x=\"840\" y=\"196\" font-size=\"11\">")
                .append(money(max)).append("</text></svg>");
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        h.append("<p>").append(values.size()).append(" suppliers; median ").append(money(sorted[sorted.length / 2]))
                .append(", total ").append(money(java.util.Arrays.stream(sorted).sum())).append(".</p>");
    }

    private void health(StringBuilder h) {
        h.append("<h2 id=\"health\">Models in production</h2>");
        List<String[]> rows = jdbc.sql("""
                SELECT m.model_name, m.version, m.model_type, to_char(m.deployed_at, 'YYYY-MM-DD HH24:MI'), m.test_metrics::text,
                  (SELECT r.verdict FROM ml_drift_reports r WHERE r.model_id = m.id ORDER BY r.evaluated_at DESC LIMIT 1),
                  (SELECT count(*) FROM ml_alerts a WHERE a.model_id = m.id)
                FROM ml_models m WHERE m.status = 'production' ORDER BY m.model_name""")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)}).list();
        if (rows.isEmpty()) {
            h.append("<p class=\"empty\">No model in production yet.</p>");
            return;
        }
        h.append("<table id=\"models\"><tr><th class=\"l\">model</th><th>version</th><th class=\"l\">kind</th><th>deployed</th>"
                + "<th class=\"l\">held-out metrics</th><th class=\"l\">last drift check</th><th>alerts</th></tr>");
        for (String[] r : rows) {
            h.append("<tr><td class=\"l\">").append(esc(r[0])).append("</td><td>").append(esc(r[1])).append("</td><td class=\"l\">")
                    .append(esc(r[2])).append("</td><td>").append(esc(String.valueOf(r[3]))).append("</td><td class=\"l\">")
                    .append(esc(metrics(r[4]))).append("</td><td class=\"l\">").append(esc(r[5] == null ? "-" : r[5]))
                    .append("</td><td>").append(esc(r[6])).append("</td></tr>");
        }
        h.append("</table>");
    }

    private void experiments(StringBuilder h) {
        h.append("<h2 id=\"experiments\">A/B experiments</h2>");
        List<String[]> rows = jdbc.sql("""
                SELECT experiment_name, model_name, mode, metric_name, status, COALESCE(winner, '-'), COALESCE(decision, '-'),
                  COALESCE(sample_size, 0) FROM ml_experiments ORDER BY started_at DESC LIMIT 20""")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8)}).list();
        if (rows.isEmpty()) {
            h.append("<p class=\"empty\">No experiments yet (POST /api/experiments).</p>");
            return;
        }
        h.append("<table id=\"experiment-list\"><tr><th class=\"l\">experiment</th><th class=\"l\">model</th><th>mode</th><th>metric</th>"
                + "<th>status</th><th>n</th><th>winner</th><th class=\"l\">decision</th></tr>");
        for (String[] r : rows) {
            h.append("<tr><td class=\"l\">").append(esc(r[0])).append("</td><td class=\"l\">").append(esc(r[1])).append("</td><td>")
                    .append(esc(r[2])).append("</td><td>").append(esc(r[3])).append("</td><td>").append(esc(r[4])).append("</td><td>")
                    .append(esc(r[7])).append("</td><td>").append(esc(r[5])).append("</td><td class=\"l\">").append(esc(r[6]))
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String metrics(String json) {
        if (json == null) {
            return "-";
        }
        Map<String, Object> m = com.wedsync.ml.platform.json.Json.readMap(json);
        List<String> out = new ArrayList<>();
        for (String k : List.of("auc", "accuracy", "ece", "within_10pct", "coverage_80", "mape_1m", "cohort_error_median", "r2")) {
            if (m.get(k) instanceof Number v) {
                out.add(k + " " + String.format(Locale.ROOT, "%.3f", v.doubleValue()));
            }
        }
        return String.join(", ", out);
    }

    private static double num(Map<String, Object> m, String k) {
        return m.get(k) instanceof Number n ? n.doubleValue() : 0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
