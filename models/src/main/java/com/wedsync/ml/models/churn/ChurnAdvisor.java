package com.wedsync.ml.models.churn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a churn probability and a supplier's features into the spec's prediction (section 1):
 * risk level, estimated churn date, revenue at risk and interventions.
 *
 * <p>Rules, as the spec gives them: probability &gt; 0.7: immediate outreach (critical); more than 14
 * days since login: re-engagement campaign (high); fewer than 5 active clients: onboarding help
 * (medium); fewer than 20% of invited couples activated: viral optimisation (medium). Risk levels:
 * critical &gt; 0.7, high &gt; 0.5, medium &gt; 0.3, else low.
 */
public final class ChurnAdvisor {

    private ChurnAdvisor() {
    }

    /** What the advice needs to know of a supplier. */
    public record SupplierFacts(String vendorType, double mrr, double daysSinceLogin, double activeClients,
                                double couplesInvited, double couplesActivated, double tenureDays) {
    }

    public record Intervention(String type, String action, String priority, String detail) {
    }

    /**
     * @param horizonDays the window the probability is about (e.g. 30)
     * @param confidence  how far the probability is from undecided, in [0, 1]
     */
    public record Prediction(double churnProbability, LocalDate estimatedChurnDate, double confidence, String riskLevel,
                             double monthlyRevenueLoss, double lifetimeValueLoss, List<Intervention> interventions,
                             List<ChurnEnsemble.Factor> factors) {
    }

    public static String riskLevel(double p) {
        return p > 0.7 ? "critical" : p > 0.5 ? "high" : p > 0.3 ? "medium" : "low";
    }

    public static List<Intervention> interventions(double p, SupplierFacts f) {
        List<Intervention> out = new ArrayList<>();
        if (p > 0.7) {
            out.add(new Intervention("immediate_outreach", "Schedule founder call within 24 hours", "critical",
                    "retention offer: " + Math.round(Math.min(3, Math.max(1, f.mrr() / 20))) + " months at 20% off"));
        }
        if (f.daysSinceLogin() > 14) {
            out.add(new Intervention("engagement_campaign", "Send re-engagement email sequence", "high",
                    "content for " + f.vendorType() + "s"));
        }
        if (f.activeClients() < 5) {
            out.add(new Intervention("growth_assistance", "Offer free onboarding call", "medium",
                    "Help import existing clients and set up first form"));
        }
        if (f.couplesInvited() > 0 && f.couplesActivated() / f.couplesInvited() < 0.2) {
            out.add(new Intervention("viral_optimization", "Improve couple invitation flow", "medium",
                    "Add incentive for couples to join"));
        }
        return out;
    }

    /**
     * The full prediction. The churn date is the expected time to churn under a constant hazard that
     * gives probability {@code p} over {@code horizonDays} (capped at a year); the lifetime value lost is
     * MRR times the expected remaining lifetime of a retained supplier (24 months, less tenure, at least 6).
     */
    public static Prediction advise(double p, SupplierFacts f, LocalDate asOf, int horizonDays, List<ChurnEnsemble.Factor> factors) {
        if (Double.isNaN(p) || p < 0 || p > 1) {
            throw new IllegalArgumentException("churn probability must be in [0, 1] (got " + p + ")");
        }
        double q = Math.min(1 - 1e-9, Math.max(1e-9, p));
        double hazardPerDay = -Math.log(1 - q) / horizonDays;
        long days = Math.min(365, Math.max(1, Math.round(1 / hazardPerDay)));
        double remainingMonths = Math.max(6, 24 - f.tenureDays() / 30.4);
        return new Prediction(p, asOf.plusDays(days), Math.abs(2 * p - 1), riskLevel(p), f.mrr(),
                Math.round(f.mrr() * remainingMonths * 100) / 100.0, interventions(p, f), factors);
    }
}
