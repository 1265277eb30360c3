package com.wedsync.ml.pipelines.growth;

import static com.wedsync.ml.pipelines.spi.FeatureSetSpec.Type.CATEGORICAL;
import static com.wedsync.ml.pipelines.spi.FeatureSetSpec.Type.NUMERIC;

import java.util.List;

import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec.Feature;

/** The feature sets of the growth kinds, computed by {@code features/viral_monthly.sql} and {@code features/demand_monthly.sql}. */
public final class GrowthFeatures {

    /** One row per complete calendar month before the as-of date: both sides of the viral loop and the network. */
    public static final FeatureSetSpec VIRAL_MONTHLY = new FeatureSetSpec("viral_monthly", 1, "month", List.of(
            new Feature("month", CATEGORICAL, "calendar month, YYYY-MM"),
            new Feature("s2c_sent", NUMERIC, "supplier-to-couple invitations created in the month"),
            new Feature("s2c_activated", NUMERIC, "supplier-to-couple invitations activated in the month"),
            new Feature("s2c_lag_days", NUMERIC, "mean days from invitation to activation, s2c activations of the month"),
            new Feature("s2c_members", NUMERIC, "suppliers active at the month's end"),
            new Feature("c2s_sent", NUMERIC, "couple-to-supplier invitations created in the month"),
            new Feature("c2s_activated", NUMERIC, "couple-to-supplier invitations activated in the month"),
            new Feature("c2s_lag_days", NUMERIC, "mean days from invitation to activation, c2s activations of the month"),
            new Feature("c2s_members", NUMERIC, "couples who joined in the month"),
            new Feature("k_s2c", NUMERIC, "s2c viral coefficient: activations per active supplier"),
            new Feature("k_c2s", NUMERIC, "c2s viral coefficient: activations per new couple"),
            new Feature("k", NUMERIC, "viral coefficient of the loop: both sides' activations over both sides' members"),
            new Feature("suppliers", NUMERIC, "suppliers active at the month's end"),
            new Feature("couples", NUMERIC, "couples joined by the month's end"),
            new Feature("connections", NUMERIC, "couple-supplier connections made by the month's end"),
            new Feature("density", NUMERIC, "connections / (suppliers x couples) at the month's end")));

    /** One row per (vendor type, region, complete calendar month) before the as-of date: the enquiries made. */
    public static final FeatureSetSpec DEMAND_MONTHLY = new FeatureSetSpec("demand_monthly", 1, "series_month", List.of(
            new Feature("vendor_type", CATEGORICAL, "photographer, venue, planner, ..."),
            new Feature("region", CATEGORICAL, "the region of the enquiry"),
            new Feature("month", CATEGORICAL, "calendar month, YYYY-MM"),
            new Feature("enquiries", NUMERIC, "enquiries couples made to this vendor type in this region in the month"),
            new Feature("suppliers", NUMERIC, "suppliers of this vendor type in this region active at the month's end")));

    private GrowthFeatures() {
    }
}
