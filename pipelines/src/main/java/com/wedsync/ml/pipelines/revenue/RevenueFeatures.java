package com.wedsync.ml.pipelines.revenue;

import static com.wedsync.ml.pipelines.spi.FeatureSetSpec.Type.CATEGORICAL;
import static com.wedsync.ml.pipelines.spi.FeatureSetSpec.Type.NUMERIC;

import java.util.ArrayList;
import java.util.List;

import com.wedsync.ml.models.revenue.MrrForecaster;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec.Feature;

/** The feature sets of the revenue kinds, computed by {@code features/mrr_monthly.sql} and {@code features/supplier_ltv.sql}. */
public final class RevenueFeatures {

    /** One row per complete calendar month before the as-of date: the MRR movements by stream and the MRR at its end. */
    public static final FeatureSetSpec MRR_MONTHLY;

    static {
        List<Feature> f = new ArrayList<>();
        f.add(new Feature("month", CATEGORICAL, "calendar month, YYYY-MM"));
        for (String s : MrrForecaster.STREAMS) {
            f.add(new Feature(s, NUMERIC, "MRR movement of stream " + s + " in the month (contraction and churn negative)"));
        }
        f.add(new Feature("mrr_end", NUMERIC, "MRR at the end of the month: the sum of all movements up to then"));
        MRR_MONTHLY = new FeatureSetSpec("mrr_monthly", 1, "month", f);
    }

    /** Per supplier alive at the as-of date: what its value depends on. */
    public static final FeatureSetSpec SUPPLIER_LTV = new FeatureSetSpec("supplier_ltv", 1, "supplier", List.of(
            new Feature("vendor_type", CATEGORICAL, "photographer, venue, planner, ..."),
            new Feature("subscription_tier", CATEGORICAL, "tier as of the date"),
            new Feature("mrr", NUMERIC, "monthly recurring revenue as of the date"),
            new Feature("tenure_days", NUMERIC, "days since sign-up"),
            new Feature("had_onboarding_call", NUMERIC, "1 if the supplier had an onboarding call"),
            new Feature("join_month", NUMERIC, "calendar month of sign-up, 1-12"),
            new Feature("couples_invited", NUMERIC, "couples the supplier invited"),
            new Feature("total_forms", NUMERIC, "forms created"),
            new Feature("avg_session_duration", NUMERIC, "mean session length in seconds, last 30 days"),
            new Feature("sessions_last_month", NUMERIC, "sessions in the last 30 days"),
            new Feature("days_since_login", NUMERIC, "days since the last session"),
            new Feature("active_clients", NUMERIC, "clients whose wedding is still ahead"),
            new Feature("revenue_to_date", NUMERIC, "successful payments up to the date"),
            new Feature("revenue_90d", NUMERIC, "successful payments in the last 90 days"),
            new Feature("failed_payments_90d", NUMERIC, "failed payments in the last 90 days"),
            new Feature("downgrades_90d", NUMERIC, "contraction events in the last 90 days"),
            new Feature("days_to_first_payment", NUMERIC, "days from sign-up to the first successful payment, -1 if none yet")));

    private RevenueFeatures() {
    }
}
