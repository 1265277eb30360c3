package com.wedsync.ml.pipelines.simulator;

import java.util.List;

/** The tables the simulator writes, in load order (parents before children), with their columns. */
public enum SimTable {
    SUPPLIERS("suppliers", "id", "business_name", "vendor_type", "region", "subscription_tier", "mrr",
            "acquisition_channel", "referred_by_couple_id", "had_onboarding_call", "created_at", "last_login", "status"),
    COUPLES("couples", "id", "region", "wedding_date", "created_at", "invited_by_supplier_id"),
    COUPLE_SUPPLIERS("couple_suppliers", "couple_id", "supplier_id", "created_at"),
    COUPLE_INVITES("couple_invites", "direction", "supplier_id", "couple_id", "created_at", "activated", "activated_at"),
    FORMS("forms", "supplier_id", "name", "created_at"),
    CLIENTS("clients", "supplier_id", "couple_id", "wedding_date", "created_at", "last_active"),
    ACTIVITY_LOGS("activity_logs", "user_id", "activity_date", "activity_type", "session_duration"),
    SUPPORT_TICKETS("support_tickets", "user_id", "created_at", "sentiment", "subject", "content"),
    PAYMENTS("payments", "user_id", "amount", "status", "created_at", "failed_at"),
    SUBSCRIPTION_EVENTS("subscription_events", "supplier_id", "event_type", "occurred_at", "from_tier", "to_tier",
            "mrr_delta", "channel"),
    ENQUIRIES("enquiries", "couple_id", "supplier_id", "vendor_type", "region", "created_at", "wedding_date"),
    SIM_CHURN_TRUTH("sim_churn_truth", "supplier_id", "churned_at", "hazard_at_churn", "main_driver"),
    SIM_MONTHLY_TRUTH("sim_monthly_truth", "month", "seasonal_factor", "active_suppliers", "new_suppliers",
            "churned_suppliers", "new_couples", "mrr", "k_factor", "k_supplier_to_couple", "k_couple_to_supplier"),
    SIM_DEMAND_TRUTH("sim_demand_truth", "month", "vendor_type", "region", "expected_enquiries"),
    SIM_PLANTED_EVENTS("sim_planted_events", "id", "event_type", "target", "starts_on", "ends_on", "magnitude", "description");

    private final String table;
    private final List<String> columns;

    SimTable(String table, String... columns) {
        this.table = table;
        this.columns = List.of(columns);
    }

    public String table() {
        return table;
    }

    public List<String> columns() {
        return columns;
    }
}
