package com.wedsync.ml.pipelines.anomaly;

import static com.wedsync.ml.pipelines.spi.FeatureSetSpec.Type.CATEGORICAL;
import static com.wedsync.ml.pipelines.spi.FeatureSetSpec.Type.NUMERIC;

import java.util.ArrayList;
import java.util.List;

import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec.Feature;

/** The feature set the anomaly detector reads: {@code features/marketplace_daily.sql}. */
public final class AnomalyFeatures {

    private AnomalyFeatures() {
    }

    /** Every numeric column of the daily series, in the order the detector reads them. */
    static final List<String> COLUMNS = List.of("suppliers_alive", "signups", "mrr_end", "mrr_new", "mrr_expansion",
            "mrr_contraction", "mrr_churn", "mrr_reactivation", "churned", "payments", "failed_payments", "revenue_collected",
            "sessions", "active_suppliers", "forms", "invitations_s2c", "invitations_c2s", "activations_s2c", "activations_c2s",
            "tickets", "negative_tickets", "competitor_mentions");

    /** One row per complete day before the as-of date: the day's counts and amounts, and the MRR at its end. */
    public static final FeatureSetSpec MARKETPLACE_DAILY;

    static {
        List<Feature> f = new ArrayList<>();
        f.add(new Feature("day", CATEGORICAL, "calendar day, YYYY-MM-DD (UTC)"));
        f.add(new Feature("suppliers_alive", NUMERIC, "suppliers signed up and not churned at the start of the day"));
        f.add(new Feature("signups", NUMERIC, "suppliers created on the day"));
        f.add(new Feature("mrr_end", NUMERIC, "MRR at the end of the day: every movement up to then"));
        f.add(new Feature("mrr_new", NUMERIC, "MRR of new subscriptions"));
        f.add(new Feature("mrr_expansion", NUMERIC, "MRR gained by upgrades"));
        f.add(new Feature("mrr_contraction", NUMERIC, "MRR lost by downgrades (positive)"));
        f.add(new Feature("mrr_churn", NUMERIC, "MRR lost by churn (positive)"));
        f.add(new Feature("mrr_reactivation", NUMERIC, "MRR regained by reactivations"));
        f.add(new Feature("churned", NUMERIC, "churn events"));
        f.add(new Feature("payments", NUMERIC, "payment attempts"));
        f.add(new Feature("failed_payments", NUMERIC, "failed payment attempts"));
        f.add(new Feature("revenue_collected", NUMERIC, "successful payments, amount"));
        f.add(new Feature("sessions", NUMERIC, "supplier sessions"));
        f.add(new Feature("active_suppliers", NUMERIC, "distinct suppliers with a session"));
        f.add(new Feature("forms", NUMERIC, "forms created"));
        f.add(new Feature("invitations_s2c", NUMERIC, "invitations suppliers sent to couples"));
        f.add(new Feature("invitations_c2s", NUMERIC, "invitations couples sent to suppliers"));
        f.add(new Feature("activations_s2c", NUMERIC, "supplier-to-couple invitations that became true on the day"));
        f.add(new Feature("activations_c2s", NUMERIC, "couple-to-supplier invitations that became true on the day"));
        f.add(new Feature("tickets", NUMERIC, "support tickets"));
        f.add(new Feature("negative_tickets", NUMERIC, "support tickets of negative sentiment"));
        f.add(new Feature("competitor_mentions", NUMERIC, "support tickets naming a competitor"));
        MARKETPLACE_DAILY = new FeatureSetSpec("marketplace_daily", 1, "day", f);
    }
}
