package com.wedsync.ml.platform.analytics;

import java.util.List;

/**
 * The MRR forecast as the page shows it: the last actual months before it and the forecast months.
 * A value the forecast did not give is NaN (drawn as a gap, printed as "-").
 *
 * @param actuals the last actual months, oldest first (none when the feature store has no MRR history)
 * @param months  the forecast months, in order; at least one
 */
public record MrrForecast(List<Actual> actuals, String lastActualMonth, double lastActualMrr, List<Month> months,
                          List<String> recommendations) {

    public MrrForecast {
        actuals = List.copyOf(actuals);
        months = List.copyOf(months);
        recommendations = List.copyOf(recommendations);
        if (months.isEmpty()) {
            throw new IllegalArgumentException("the forecast has no months");
        }
    }

    /** One actual month: its MRR at month end. */
    public record Actual(String month, double mrr) {
    }

    /** One forecast month: the baseline, the two scenarios and the 80% Monte Carlo band (p10 to p90). */
    public record Month(String month, double baseline, double optimistic, double pessimistic, double p10, double p90) {
    }

    public Month first() {
        return months.get(0);
    }

    public Month last() {
        return months.get(months.size() - 1);
    }
}
