package com.wedsync.ml.models.revenue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

import com.wedsync.ml.models.data.Artifacts;

/**
 * Supplier value over a horizon (the pipeline's label horizon, six months by default: the spec's "LTV
 * at 6 months"), two ways:
 *
 * <ul>
 *   <li><b>cohort</b> (the spec's section 5): the supplier's cohort (vendor type) base value, the cohort's
 *   mean realised value in training, shrunk towards the spec's vendor-type multiplier of the overall mean
 *   when the cohort is small (20 pseudo-suppliers), times the spec's modifiers (onboarding call 1.3,
 *   viral activity min(invited / 10, 2), form usage min(forms / 5, 1.5), join-month season, engagement)
 *   divided by their cohort mean, so the cohort's total is kept. The spec's viral and form modifiers are 0
 *   for a supplier with no invitation or no form, which would zero the product: they are floored at 0.5.
 *   The engagement multiplier, which the spec leaves undefined, is the session length over the cohort
 *   median, clamped to [0.5, 1.5].</li>
 *   <li><b>learned</b>: gradient-boosted regression trees (Tribuo's XGBoost) on the same features,
 *   squared loss, so predictions are unbiased in aggregate.</li>
 * </ul>
 *
 * <p>The served value is the learned one; the cohort estimate is kept beside it for comparison. The
 * interval at a requested level is the prediction plus or minus the normal quantile times the residual
 * standard deviation of the supplier's cohort on validation data (floored at 0). The retention curve is
 * geometric with the cohort's monthly churn hazard, estimated from how much of six months of MRR a
 * cohort actually paid: S(m) = (1 - h)^m; lifetime value = MRR x sum of S(m) over 60 months.
 */
public final class LtvModel implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The spec's vendor-type multipliers. */
    public static final Map<String, Double> VENDOR_MULTIPLIER = Map.of("planner", 2.3, "photographer", 1.8, "venue", 1.6,
            "videographer", 1.5, "florist", 1.3, "caterer", 1.2, "dj", 1.0, "other", 1.1);
    static final double PRIOR_WEIGHT = 20;
    static final int LIFETIME_MONTHS = 60;

    /** What the spec's modifiers read from a supplier. */
    public record Profile(String vendorType, double mrr, boolean hadOnboardingCall, double couplesInvited,
                          double formsCreated, int joinMonth, double avgSessionSeconds, double revenueToDate,
                          double tenureDays, double daysToFirstPayment) implements Serializable {
    }

    /** Per cohort: base value, residual spread, monthly hazard, median session length, top-quartile MRR. */
    record Cohort(double base, double meanModifier, double residualSd, double monthlyHazard, double medianSession,
                  double mrrP75, double medianDaysToValue, int size) implements Serializable {
    }

    private final List<String> featureNames;
    private final Model<Regressor> model;
    private final Map<String, Cohort> cohorts;
    private final Cohort overall;
    private final int horizonMonths;
    private final Map<String, String> provenance;

    private LtvModel(List<String> featureNames, Model<Regressor> model, Map<String, Cohort> cohorts, Cohort overall,
                     int horizonMonths, Map<String, String> provenance) {
        this.featureNames = List.copyOf(featureNames);
        this.model = model;
        this.cohorts = Map.copyOf(cohorts);
        this.overall = overall;
        this.horizonMonths = horizonMonths;
        this.provenance = Map.copyOf(provenance);
    }

    public record Hyperparameters(int rounds, int maxDepth, double eta, long seed) {
        public Hyperparameters {
            if (rounds < 1 || rounds > 5000) {
                throw new IllegalArgumentException("gradient_boosting.rounds must be 1 to 5000, got " + rounds);
            }
            if (maxDepth < 1 || maxDepth > 20) {
                throw new IllegalArgumentException("gradient_boosting.max_depth must be 1 to 20, got " + maxDepth);
            }
            if (!(eta > 0 && eta <= 1)) {
                throw new IllegalArgumentException("gradient_boosting.eta must be in (0, 1], got " + eta);
            }
        }
    }

    /**
     * Trains on rows with their realised value over the horizon; the validation rows give the residual
     * spread of the intervals.
     */
    public static LtvModel train(List<String> featureNames, double[][] x, double[] y, Profile[] profiles, double[][] xVal,
                                 double[] yVal, Profile[] valProfiles, int horizonMonths, Hyperparameters hp,
                                 Map<String, String> provenance) {
        if (x.length == 0 || xVal.length == 0) {
            throw new IllegalArgumentException("LTV training needs rows in both the training (" + x.length
                    + ") and validation (" + xVal.length + ") splits");
        }
        if (x.length != y.length || x.length != profiles.length || xVal.length != yVal.length || xVal.length != valProfiles.length) {
            throw new IllegalArgumentException("LTV rows differ in length: training " + x.length + " feature rows, " + y.length
                    + " values, " + profiles.length + " profiles; validation " + xVal.length + ", " + yVal.length + ", "
                    + valProfiles.length);
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i]) || y[i] < 0) {
                throw new IllegalArgumentException("realised value of training row " + i + " is " + y[i]);
            }
        }
        for (int i = 0; i < yVal.length; i++) {
            if (!Double.isFinite(yVal[i]) || yVal[i] < 0) {
                throw new IllegalArgumentException("realised value of validation row " + i + " is " + yVal[i]);
            }
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("ltv training split",
                Artifacts.DATA_SOURCE_TIME, factory), factory);
        String[] names = featureNames.toArray(String[]::new);
        for (int i = 0; i < x.length; i++) {
            data.add(new ArrayExample<>(new Regressor("value", y[i]), names, x[i]));
        }
        Model<Regressor> model = new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR, hp.rounds(),
                hp.eta(), 0.0, hp.maxDepth(), 1.0, 0.8, 0.8, 1.0, 0.0, 1, true, hp.seed()).train(data);
        // cohorts from training, residual spread from validation
        Map<String, Cohort> cohorts = cohorts(y, profiles, horizonMonths);
        Cohort overall = cohorts.remove("*");
        LtvModel partial = new LtvModel(featureNames, model, cohorts, overall, horizonMonths, provenance);
        double[] pv = partial.predict(xVal);
        Map<String, List<Double>> residuals = new HashMap<>();
        for (int i = 0; i < pv.length; i++) {
            residuals.computeIfAbsent(valProfiles[i].vendorType(), k -> new ArrayList<>()).add(yVal[i] - pv[i]);
            residuals.computeIfAbsent("*", k -> new ArrayList<>()).add(yVal[i] - pv[i]);
        }
        Map<String, Cohort> withSpread = new HashMap<>();
        cohorts.forEach((k, c) -> withSpread.put(k, withSd(c, residuals.getOrDefault(k, residuals.get("*")))));
        return new LtvModel(featureNames, model, withSpread, withSd(overall, residuals.get("*")), horizonMonths, provenance);
    }

    private static Cohort withSd(Cohort c, List<Double> r) {
        double mean = r.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double ss = r.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = r.size() > 1 ? Math.sqrt(ss / (r.size() - 1)) : c.residualSd();
        return new Cohort(c.base(), c.meanModifier(), sd, c.monthlyHazard(), c.medianSession(), c.mrrP75(),
                c.medianDaysToValue(), c.size());
    }

    private static Map<String, Cohort> cohorts(double[] y, Profile[] profiles, int horizonMonths) {
        Map<String, List<Integer>> byType = new LinkedHashMap<>();
        for (int i = 0; i < y.length; i++) {
            byType.computeIfAbsent(profiles[i].vendorType(), k -> new ArrayList<>()).add(i);
            byType.computeIfAbsent("*", k -> new ArrayList<>()).add(i);
        }
        double overallMean = Arrays.stream(y).average().orElse(0);
        double meanMultiplier = VENDOR_MULTIPLIER.values().stream().mapToDouble(Double::doubleValue).average().orElse(1);
        Map<String, Cohort> out = new HashMap<>();
        Median median = new Median();
        for (Map.Entry<String, List<Integer>> e : byType.entrySet()) {
            List<Integer> rows = e.getValue();
            double sum = 0;
            double mrrSum = 0;
            double[] sessions = new double[rows.size()];
            double[] mrr = new double[rows.size()];
            List<Double> toValue = new ArrayList<>();
            for (int k = 0; k < rows.size(); k++) {
                Profile p = profiles[rows.get(k)];
                sum += y[rows.get(k)];
                mrrSum += p.mrr();
                sessions[k] = p.avgSessionSeconds();
                mrr[k] = p.mrr();
                if (p.daysToFirstPayment() >= 0) {
                    toValue.add(p.daysToFirstPayment());
                }
            }
            double mean = sum / rows.size();
            double prior = e.getKey().equals("*") ? overallMean
                    : overallMean * VENDOR_MULTIPLIER.getOrDefault(e.getKey(), 1.0) / meanMultiplier;
            double base = (rows.size() * mean + PRIOR_WEIGHT * prior) / (rows.size() + PRIOR_WEIGHT);
            // share of "MRR x horizon" actually paid ~ mean of S(1..H) for a geometric survival
            double paidShare = mrrSum > 0 ? Math.min(1, sum / (mrrSum * horizonMonths)) : 1;
            double hazard = Math.max(0.002, Math.min(0.5, (1 - paidShare) / ((horizonMonths + 1) / 2.0)));
            double medianSession = median.evaluate(sessions);
            Arrays.sort(mrr);
            double p75 = mrr[(int) Math.floor(0.75 * (mrr.length - 1))];
            double ttv = toValue.isEmpty() ? 31 : median.evaluate(toValue.stream().mapToDouble(Double::doubleValue).toArray());
            out.put(e.getKey(), new Cohort(base, 1.0, 0, hazard, medianSession, p75, ttv, rows.size()));
        }
        // the modifiers' cohort mean, so base x modifiers / mean keeps the cohort's total
        for (Map.Entry<String, List<Integer>> e : byType.entrySet()) {
            Cohort c = out.get(e.getKey());
            double m = e.getValue().stream().mapToDouble(i -> modifiers(profiles[i], c.medianSession()).values().stream()
                    .reduce(1.0, (a, b) -> a * b)).average().orElse(1);
            out.put(e.getKey(), new Cohort(c.base(), m > 0 ? m : 1, c.residualSd(), c.monthlyHazard(), c.medianSession(),
                    c.mrrP75(), c.medianDaysToValue(), c.size()));
        }
        return out;
    }

    /** The spec's modifiers except the vendor type (the cohort carries it). */
    static Map<String, Double> modifiers(Profile p, double cohortMedianSession) {
        Map<String, Double> m = new LinkedHashMap<>();
        double mean = Arrays.stream(MrrForecaster.SPEC_SEASONALITY).average().orElse(1);
        m.put("onboarding", p.hadOnboardingCall() ? 1.3 : 1.0);
        m.put("viralActivity", Math.max(0.5, Math.min(p.couplesInvited() / 10, 2.0)));
        m.put("formUsage", Math.max(0.5, Math.min(p.formsCreated() / 5, 1.5)));
        int month = p.joinMonth() >= 1 && p.joinMonth() <= 12 ? p.joinMonth() : 1;
        m.put("seasonality", MrrForecaster.SPEC_SEASONALITY[month - 1] / mean);
        m.put("engagement", cohortMedianSession > 0 ? Math.max(0.5, Math.min(1.5, p.avgSessionSeconds() / cohortMedianSession)) : 1.0);
        return m;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Each feature's share of the boosted trees' total gain (XGBoost's own importance, summing to 1; 0 for a
     * feature no split uses), in the order of {@link #featureNames()}.
     */
    public Map<String, Double> featureImportance() {
        Map<String, Double> out = new LinkedHashMap<>();
        featureNames.forEach(f -> out.put(f, 0.0));
        if (model instanceof org.tribuo.common.xgboost.XGBoostModel<Regressor> xgb && !xgb.getFeatureImportance().isEmpty()) {
            Map<String, Double> gain = xgb.getFeatureImportance().get(0).getTotalGain();
            double total = gain.values().stream().mapToDouble(Double::doubleValue).sum();
            if (total > 0) {
                gain.forEach((f, g) -> out.computeIfPresent(f, (k, v) -> g / total));
            }
        }
        return out;
    }

    public Map<String, String> provenance() {
        return provenance;
    }

    /** The learned value over the horizon for each row (never negative). */
    public double[] predict(double[][] x) {
        String[] names = featureNames.toArray(String[]::new);
        List<Example<Regressor>> examples = new ArrayList<>(x.length);
        for (double[] row : x) {
            examples.add(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, row));
        }
        List<Prediction<Regressor>> ps = model.predict(examples);
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, ps.get(i).getOutput().getValues()[0]);
        }
        return out;
    }

    /** The spec's cohort-based estimate over the horizon. */
    public double cohortEstimate(Profile p) {
        Cohort c = cohort(p);
        double product = modifiers(p, c.medianSession()).values().stream().reduce(1.0, (a, b) -> a * b);
        return c.base() * product / c.meanModifier();
    }

    private Cohort cohort(Profile p) {
        return cohorts.getOrDefault(p.vendorType(), overall);
    }

    /** A supplier's full LTV answer. {@code level} in (0, 1), e.g. 0.95. */
    public Map<String, Object> explain(Profile p, double learned, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be between 0 and 1 (exclusive), got " + level);
        }
        Cohort c = cohort(p);
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
        double sd = Double.isFinite(c.residualSd()) ? c.residualSd() : overall.residualSd();
        double hazard = c.monthlyHazard();
        List<Map<String, Object>> curve = new ArrayList<>();
        double survival = 1;
        double lifetime = 0;
        for (int m = 1; m <= LIFETIME_MONTHS; m++) {
            survival *= 1 - hazard;
            lifetime += p.mrr() * survival;
            if (m <= 12) {
                curve.add(Map.of("month", m, "retained", round(survival)));
            }
        }
        Map<String, Double> modifiers = modifiers(p, c.medianSession());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("horizonMonths", horizonMonths);
        out.put("predictedValue", round(learned));
        out.put("cohortEstimate", round(cohortEstimate(p)));
        out.put("confidenceLevel", level);
        out.put("confidenceInterval", Map.of("low", round(Math.max(0, learned - z * sd)), "high", round(learned + z * sd)));
        out.put("lifetimeValue", round(lifetime));
        // days from sign-up to the first payment: the supplier's own when it has paid, else its cohort's median
        out.put("timeToValueDays", p.daysToFirstPayment() >= 0 ? round(p.daysToFirstPayment()) : round(c.medianDaysToValue()));
        out.put("expansionPotential", round(Math.max(0, c.mrrP75() - p.mrr())));
        out.put("retentionCurve", curve);
        List<Map<String, Object>> drivers = new ArrayList<>();
        drivers.add(Map.of("driver", "vendorType", "multiplier", VENDOR_MULTIPLIER.getOrDefault(p.vendorType(), 1.0)));
        modifiers.forEach((k, v) -> drivers.add(Map.of("driver", k, "multiplier", round(v))));
        drivers.sort(Comparator.comparingDouble((Map<String, Object> d) -> Math.abs(Math.log((Double) d.get("multiplier"))))
                .reversed());
        out.put("keyDrivers", drivers);
        List<String> optimizations = new ArrayList<>();
        if (!p.hadOnboardingCall()) {
            optimizations.add("Book an onboarding call: the spec values it at x1.3");
        }
        if (p.formsCreated() < 5) {
            optimizations.add("Help them build forms (" + (int) p.formsCreated() + " so far; usage counts up to 5)");
        }
        if (p.couplesInvited() < 10) {
            optimizations.add("Encourage inviting couples (" + (int) p.couplesInvited() + " so far; viral activity counts up to 20)");
        }
        if (p.mrr() < c.mrrP75()) {
            optimizations.add(String.format("Upgrade path: the top quarter of %s suppliers pays %.0f a month, this one %.0f",
                    p.vendorType(), c.mrrP75(), p.mrr()));
        }
        out.put("optimizations", optimizations);
        boolean noRevenue = p.mrr() <= 0 && p.revenueToDate() <= 0;
        out.put("lowConfidence", noRevenue || c.size() < 30);
        if (noRevenue) {
            out.put("note", "no revenue yet (free tier, no payment): the value rests on the cohort, not on the supplier's own history");
        } else if (c.size() < 30) {
            out.put("note", "only " + c.size() + " " + p.vendorType() + " suppliers in training: the cohort figures are uncertain");
        }
        return out;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : 0.0;
    }

    public byte[] toBytes() {
        return Artifacts.write(this, "the LTV model");
    }

    public static LtvModel fromBytes(byte[] artifact) {
        return Artifacts.read(artifact, LtvModel.class, "an LTV model");
    }
}
