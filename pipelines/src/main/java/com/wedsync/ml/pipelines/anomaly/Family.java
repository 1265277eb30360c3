package com.wedsync.ml.pipelines.anomaly;

import java.util.List;

import com.wedsync.ml.models.anomaly.DailyRates;

/**
 * The four families the isolation forests watch (spec section 6), each a set of daily rates: a numerator
 * column over a denominator column (none: a count per day). Money metrics are in units of the mean MRR
 * per supplier (ARPU), so "one subscription more or less" weighs the same as one event of a count.
 */
enum Family {
    REVENUE("revenue", "Unusual revenue pattern detected",
            "Break the MRR movements down by stream and tier; check the payment provider for failed charges",
            "Review failed payments and churned accounts of the period; contact the accounts at risk",
            List.of(new Metric("mrr_new", "mrr_new", "suppliers_alive", true, -1),
                    new Metric("mrr_expansion", "mrr_expansion", "suppliers_alive", true, -1),
                    new Metric("mrr_contraction", "mrr_contraction", "suppliers_alive", true, 1),
                    new Metric("mrr_churn", "mrr_churn", "suppliers_alive", true, 1),
                    new Metric("failed_payment_rate", "failed_payments", "payments", false, 1))),
    USAGE("usage", "Unusual product usage detected",
            "Check the application's availability and latency for the period, and recent releases",
            "Check for an outage or a broken release; contact the suppliers whose usage fell",
            List.of(new Metric("sessions_per_supplier", "sessions", "suppliers_alive", false, -1),
                    new Metric("active_supplier_share", "active_suppliers", "suppliers_alive", false, -1),
                    new Metric("forms_per_supplier", "forms", "suppliers_alive", false, -1))),
    VIRAL("viral", "Unusual viral-loop pattern detected",
            "Compare invitations sent and activated on each side of the loop with the season's expectation",
            "Check the invitation and activation flows on both sides",
            List.of(new Metric("invitations_s2c_per_supplier", "invitations_s2c", "suppliers_alive", false, -1),
                    new Metric("invitations_c2s", "invitations_c2s", null, false, -1),
                    new Metric("activation_rate_s2c", "activations_s2c", "invitations_s2c", false, -1),
                    new Metric("activation_rate_c2s", "activations_c2s", "invitations_c2s", false, -1))),
    SUPPORT("support", "Unusual support pattern detected",
            "Read the period's negative tickets and competitor mentions for a common cause",
            "Triage the ticket surge; brief customer success on the cause",
            List.of(new Metric("tickets_per_supplier", "tickets", "suppliers_alive", false, 1),
                    new Metric("negative_share", "negative_tickets", "tickets", false, 1),
                    new Metric("competitor_share", "competitor_mentions", "tickets", false, 1)));

    /**
     * A watched rate.
     *
     * @param money whether the numerator is an amount of MRR (unit: ARPU) rather than a count (unit: 1)
     * @param bad   which way is harm: +1 a rise (failures, churn, tickets), -1 a fall (sign-ups, usage, invitations).
     *              A forest finding needs a deviation the harmful way: a busy week of sessions or invitations is
     *              unusual, not an incident to wake anyone for
     */
    record Metric(String name, String numerator, String denominator, boolean money, int bad) {
    }

    final String type;
    final String description;
    final String recommendation;
    final String action;
    final List<Metric> metrics;

    Family(String type, String description, String recommendation, String action, List<Metric> metrics) {
        this.type = type;
        this.description = description;
        this.recommendation = recommendation;
        this.action = action;
        this.metrics = metrics;
    }

    /** The family's rates over a series; {@code arpu} is the unit of money metrics. */
    DailyRates rates(DailySeries s, double arpu) {
        int n = metrics.size();
        double[][] num = new double[n][];
        double[][] den = new double[n][];
        double[] units = new double[n];
        for (int m = 0; m < n; m++) {
            Metric x = metrics.get(m);
            num[m] = s.column(x.numerator()).clone();
            den[m] = x.denominator() == null ? DailySeries.ones(s.days()) : s.column(x.denominator()).clone();
            for (int d = 0; d < s.days(); d++) {
                num[m][d] = Math.max(0, num[m][d]);
                den[m][d] = Math.max(0, den[m][d]);
            }
            units[m] = x.money() ? Math.max(1, arpu) : 1;
        }
        return new DailyRates(s.firstDay(), metrics.stream().map(Metric::name).toList(), num, den, units);
    }

    static Family of(String type) {
        for (Family f : values()) {
            if (f.type.equals(type)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no family '" + type + "'");
    }
}
