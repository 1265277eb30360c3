package com.wedsync.ml.pipelines.churn;

import static com.wedsync.ml.pipelines.spi.FeatureSetSpec.Type.CATEGORICAL;
import static com.wedsync.ml.pipelines.spi.FeatureSetSpec.Type.NUMERIC;

import java.util.List;

import com.wedsync.ml.pipelines.spi.FeatureSetSpec;
import com.wedsync.ml.pipelines.spi.FeatureSetSpec.Feature;

/**
 * Feature set {@code supplier_churn}, version 1: the spec's churn signals (section 1) per supplier
 * as of a date. Computed by the platform's {@code features/supplier_churn.sql}; this class names
 * what it offers.
 */
public final class ChurnFeatures {

    public static final FeatureSetSpec SPEC = new FeatureSetSpec("supplier_churn", 1, "supplier", List.of(
            new Feature("vendor_type", CATEGORICAL, "photographer, venue, planner, ..."),
            new Feature("subscription_tier", CATEGORICAL, "tier as of the date"),
            new Feature("mrr", NUMERIC, "monthly recurring revenue as of the date"),
            new Feature("tenure_days", NUMERIC, "days since sign-up"),
            new Feature("had_onboarding_call", NUMERIC, "1 if the supplier had an onboarding call"),
            new Feature("days_since_login", NUMERIC, "days since the last session"),
            new Feature("total_forms", NUMERIC, "forms created"),
            new Feature("recent_forms", NUMERIC, "forms created in the last 30 days"),
            new Feature("total_clients", NUMERIC, "clients ever"),
            new Feature("active_clients", NUMERIC, "clients whose wedding is still ahead"),
            new Feature("couples_invited", NUMERIC, "couples the supplier invited"),
            new Feature("couples_activated", NUMERIC, "invited couples who joined"),
            new Feature("invite_activation_ratio", NUMERIC, "activated / invited (0 without invitations)"),
            new Feature("avg_session_duration", NUMERIC, "mean session length in seconds, last 30 days"),
            new Feature("active_days_last_month", NUMERIC, "distinct active days in the last 30 days"),
            new Feature("sessions_last_month", NUMERIC, "sessions in the last 30 days"),
            new Feature("negative_tickets", NUMERIC, "support tickets with negative sentiment"),
            new Feature("negative_tickets_90d", NUMERIC, "negative tickets in the last 90 days"),
            new Feature("days_since_support_contact", NUMERIC, "days since the last ticket (since sign-up if none)"),
            new Feature("competitor_mentions", NUMERIC, "tickets mentioning honeybook, dubsado or 17hats"),
            new Feature("failed_payments", NUMERIC, "failed payments"),
            new Feature("failed_payments_90d", NUMERIC, "failed payments in the last 90 days"),
            new Feature("days_since_payment_failure", NUMERIC, "days since the last failed payment (since sign-up if none)"),
            new Feature("downgrades", NUMERIC, "contraction events"),
            new Feature("downgrades_90d", NUMERIC, "contraction events in the last 90 days"),
            new Feature("season_month", NUMERIC, "month of the as-of date, 1-12"),
            new Feature("season_factor", NUMERIC, "the spec's wedding seasonal factor of that month"),
            new Feature("season_sin", NUMERIC, "sin(2 pi month / 12)"),
            new Feature("season_cos", NUMERIC, "cos(2 pi month / 12)")));

    private ChurnFeatures() {
    }
}
