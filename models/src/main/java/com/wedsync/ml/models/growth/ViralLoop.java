package com.wedsync.ml.models.growth;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec's viral growth predictor (section 3): the viral coefficient k of both sides of the loop
 * (suppliers invite couples, s2c; couples invite suppliers, c2s), month by month, forecast with
 * {@link MonthlySeries} (trend and season of each of k, k_s2c and k_c2s, and the network's depth where it
 * helps: {@link NetworkEffect}), with the growth multiplier
 * {@code (1 + k)^(t / 30)}, a viral score, the spec's thresholds and the step of the loop that holds k
 * back.
 *
 * <p>k of a side is invitations per member times activation rate (= activations / members); k of the
 * whole loop is both sides' activations over both sides' members.
 */
public final class ViralLoop {

    /** The spec's thresholds. */
    public static final double VIRAL = 1.0;
    public static final double SUSTAINABLE = 0.7;
    public static final double DECLINING = 0.5;
    /** The spec's accuracy target: +-0.1. */
    public static final double TOLERANCE = 0.1;

    private ViralLoop() {
    }

    /** One side of one month. */
    public record Side(double sent, double activated, double lagDays, double members) {
        public double k() {
            return members > 0 ? activated / members : 0;
        }

        public double invitesPerMember() {
            return members > 0 ? sent / members : 0;
        }

        public double activationRate() {
            return sent > 0 ? Math.min(1, activated / sent) : 0;
        }
    }

    /** One month of the loop and the network at its end. */
    public record Month(YearMonth month, Side s2c, Side c2s, double suppliers, double couples, double connections) {
        public double k() {
            double members = s2c.members() + c2s.members();
            return members > 0 ? (s2c.activated() + c2s.activated()) / members : 0;
        }

        public double density() {
            return suppliers > 0 && couples > 0 ? connections / (suppliers * couples) : 0;
        }
    }

    /** A forecast of k, s2c and c2s for the months of a timeframe. */
    public record MonthPrediction(YearMonth month, MonthlySeries.Point k, MonthlySeries.Point s2c, MonthlySeries.Point c2s) {
    }

    /** Where the loop can gain: which side and which step, and how much k it would add. */
    public record Opportunity(String side, String step, double current, double benchmark, double kGain, String action) {
    }

    public record Thresholds(boolean viral, boolean sustainable, boolean declining) {
        static Thresholds of(double k) {
            return new Thresholds(k > VIRAL, k > SUSTAINABLE, k < DECLINING);
        }
    }

    public record Prediction(YearMonth lastActualMonth, double currentK, double currentS2c, double currentC2s,
                             int timeframeDays, double predictedK, double low80, double high80, double predictedS2c,
                             double predictedC2s, double growthMultiplier, double viralScore, List<MonthPrediction> months,
                             List<Opportunity> opportunities, Thresholds thresholds, List<NetworkEffect> networkEffects) {
    }

    /**
     * Whether the network's depth helps forecast one series of the loop ({@code k}, {@code s2c} or {@code c2s}):
     * the series' month-on-month changes regressed on those of {@link #COVARIATE} (a common trend in both does not
     * count), the coefficient with its t statistic, and the root mean square one-month error without and with it
     * over the last (up to) 12 origins, each fitted on the months before it; {@code used} when the coefficient is
     * significant ({@code |t| >= 2}) and it lowers that error.
     */
    public record NetworkEffect(String series, String covariate, double coefficient, double tStatistic, double rmseWithout,
                                double rmseWith, int origins, boolean used) {
    }

    /** |t| a coefficient needs to enter (about the 5% two-sided level): without it a useless covariate wins half the origins' comparisons by luck. */
    static final double T_ENTER = 2.0;

    /** The network-effect covariate of a month: suppliers per couple at the end of the month before it. */
    public static final String COVARIATE = "suppliers per couple at the previous month's end";

    /** The months a timeframe of days covers: at least one. */
    public static int months(int timeframeDays) {
        return Math.max(1, (int) Math.ceil(timeframeDays / 30.0));
    }

    /**
     * Predicts k over the {@code timeframeDays} after the history: the mean of the monthly forecasts over the
     * months it covers (its interval the mean of theirs), the growth multiplier {@code (1 + k)^(t / 30)}.
     */
    public static Prediction predict(List<Month> history, int timeframeDays, MonthlySeries.Parameters p) {
        if (timeframeDays < 1) {
            throw new IllegalArgumentException("the timeframe must be at least 1 day, got " + timeframeDays);
        }
        YearMonth first = history.get(0).month();
        int h = months(timeframeDays);
        double[] x = covariate(history);
        double next = suppliersPerCouple(history.get(history.size() - 1));
        List<NetworkEffect> effects = new ArrayList<>();
        List<MonthlySeries.Point> k = forecast("k", series(history, Month::k), x, next, first, p, h, effects);
        List<MonthlySeries.Point> s2c = forecast("s2c", series(history, m -> m.s2c().k()), x, next, first, p, h, effects);
        List<MonthlySeries.Point> c2s = forecast("c2s", series(history, m -> m.c2s().k()), x, next, first, p, h, effects);
        List<MonthPrediction> months = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            months.add(new MonthPrediction(k.get(i).month(), clamp(k.get(i)), clamp(s2c.get(i)), clamp(c2s.get(i))));
        }
        double pk = months.stream().mapToDouble(m -> m.k().value()).average().orElse(0);
        double lo = months.stream().mapToDouble(m -> m.k().low80()).average().orElse(0);
        double hi = months.stream().mapToDouble(m -> m.k().high80()).average().orElse(0);
        double ps = months.stream().mapToDouble(m -> m.s2c().value()).average().orElse(0);
        double pc = months.stream().mapToDouble(m -> m.c2s().value()).average().orElse(0);
        Month last = history.get(history.size() - 1);
        return new Prediction(last.month(), last.k(), last.s2c().k(), last.c2s().k(), timeframeDays, pk, lo, hi, ps, pc,
                Math.pow(1 + pk, timeframeDays / 30.0), viralScore(pk), months, opportunities(history),
                Thresholds.of(pk), effects);
    }

    static double suppliersPerCouple(Month m) {
        return m.couples() > 0 ? m.connections() / m.couples() : 0;
    }

    /** {@link #COVARIATE} of each month (the first month, with no month before it, takes its own). */
    static double[] covariate(List<Month> history) {
        double[] x = new double[history.size()];
        for (int t = 0; t < x.length; t++) {
            x[t] = suppliersPerCouple(history.get(Math.max(0, t - 1)));
        }
        return x;
    }

    /**
     * The coefficient of the covariate and its t statistic: month-on-month changes of y on those of x (through the
     * origin) over the last trendMonths of the first n months.
     */
    static double[] coefficient(double[] y, double[] x, int n, int trendMonths) {
        double sxy = 0;
        double sxx = 0;
        int from = Math.max(2, n - trendMonths);
        for (int t = from; t < n; t++) {
            double dx = x[t] - x[t - 1];
            sxy += (y[t] - y[t - 1]) * dx;
            sxx += dx * dx;
        }
        int m = n - from;
        if (sxx <= 1e-12 || m < 3) {
            return new double[] {0, 0};
        }
        double b = sxy / sxx;
        double ss = 0;
        for (int t = from; t < n; t++) {
            double e = (y[t] - y[t - 1]) - b * (x[t] - x[t - 1]);
            ss += e * e;
        }
        double se = Math.sqrt(ss / (m - 1) / sxx);
        return new double[] {b, se > 0 ? b / se : (b == 0 ? 0 : Double.MAX_VALUE)};
    }

    /**
     * The forecast of one series of the loop: {@link MonthlySeries} (trend and season), with the network covariate
     * when it earns its place ({@link NetworkEffect}): then the series less {@code coefficient x covariate} is
     * forecast and the covariate's contribution added back, the covariate held at its last known value (the
     * network at the end of the history) over the horizon.
     */
    static List<MonthlySeries.Point> forecast(String name, double[] y, double[] x, double next, YearMonth first,
                                              MonthlySeries.Parameters p, int h, List<NetworkEffect> effects) {
        int n = y.length;
        int from = Math.max(p.minHistory() + 2, n - 12);
        double without = 0;
        double with = 0;
        int origins = 0;
        for (int o = from; o < n; o++) {
            double[] before = java.util.Arrays.copyOf(y, o);
            double e0 = y[o] - MonthlySeries.fit(before, first, p).forecast(1).get(0).value();
            double b = coefficient(y, x, o, p.trendMonths())[0];
            double e1 = y[o] - (MonthlySeries.fit(adjusted(before, x, b), first, p).forecast(1).get(0).value() + b * x[o]);
            without += e0 * e0;
            with += e1 * e1;
            origins++;
        }
        double[] bt = coefficient(y, x, n, p.trendMonths());
        double b = bt[0];
        boolean used = origins >= 6 && Math.abs(bt[1]) >= T_ENTER && with < without;
        effects.add(new NetworkEffect(name, COVARIATE, b, Math.min(bt[1], 1e6), origins > 0 ? Math.sqrt(without / origins) : 0,
                origins > 0 ? Math.sqrt(with / origins) : 0, origins, used));
        if (!used) {
            return MonthlySeries.fit(y, first, p).forecast(h);
        }
        List<MonthlySeries.Point> out = new ArrayList<>();
        for (MonthlySeries.Point pt : MonthlySeries.fit(adjusted(y, x, b), first, p).forecast(h)) {
            double add = b * next;
            out.add(new MonthlySeries.Point(pt.month(), pt.value() + add, pt.low80() + add, pt.high80() + add));
        }
        return out;
    }

    private static double[] adjusted(double[] y, double[] x, double b) {
        double[] out = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            out[t] = y[t] - b * x[t];
        }
        return out;
    }

    /** 0 to 100: how far k is on the way to self-sustaining viral growth (k = 1). */
    public static double viralScore(double k) {
        return Math.max(0, Math.min(100, 100 * k / VIRAL));
    }

    private static MonthlySeries.Point clamp(MonthlySeries.Point p) {
        return new MonthlySeries.Point(p.month(), Math.max(0, p.value()), Math.max(0, p.low80()), Math.max(0, p.high80()));
    }

    /**
     * Per side and step, the last month against the side's best quartile over the last 12 months (the loop
     * has done that well recently): sending (invitations per member) and activation (activation rate) add
     * {@code gain x the other step x the side's share of members} to k; a lag above its best quartile does not
     * lower k but slows every cycle of the loop. Sorted by k gain, largest first.
     */
    public static List<Opportunity> opportunities(List<Month> history) {
        List<Month> recent = history.subList(Math.max(0, history.size() - 12), history.size());
        Month last = history.get(history.size() - 1);
        double members = last.s2c().members() + last.c2s().members();
        List<Opportunity> out = new ArrayList<>();
        for (String side : List.of("s2c", "c2s")) {
            Side now = side.equals("s2c") ? last.s2c() : last.c2s();
            double share = members > 0 ? now.members() / members : 0;
            double[] ipm = recent.stream().map(m -> side(m, side)).mapToDouble(Side::invitesPerMember).toArray();
            double[] ar = recent.stream().map(m -> side(m, side)).filter(s -> s.sent() > 0).mapToDouble(Side::activationRate).toArray();
            double[] lag = recent.stream().map(m -> side(m, side)).filter(s -> s.activated() > 0).mapToDouble(Side::lagDays).toArray();
            String who = side.equals("s2c") ? "suppliers" : "couples";
            String whom = side.equals("s2c") ? "couples" : "suppliers";
            double ipmBest = quantile(ipm, 0.75);
            out.add(new Opportunity(side, "sending", now.invitesPerMember(), ipmBest,
                    Math.max(0, ipmBest - now.invitesPerMember()) * now.activationRate() * share,
                    "Prompt " + who + " to invite " + whom + " (invitations per member at the recent best quartile)"));
            if (ar.length > 0) {
                double arBest = quantile(ar, 0.75);
                out.add(new Opportunity(side, "activation", now.activationRate(), arBest,
                        Math.max(0, arBest - now.activationRate()) * now.invitesPerMember() * share,
                        "Improve the invitation landing and sign-up for invited " + whom));
            }
            if (lag.length > 0 && now.activated() > 0) {
                double lagBest = quantile(lag, 0.25);
                if (now.lagDays() > 1.5 * lagBest && now.lagDays() - lagBest > 0.5) {
                    out.add(new Opportunity(side, "lag", now.lagDays(), lagBest, 0,
                            "Send reminders sooner: invited " + whom + " take " + String.format("%.1f", now.lagDays())
                                    + " days to join against " + String.format("%.1f", lagBest) + " at best, slowing the loop"));
                }
            }
        }
        out.sort(Comparator.comparingDouble(Opportunity::kGain).reversed());
        return out;
    }

    private static Side side(Month m, String side) {
        return side.equals("s2c") ? m.s2c() : m.c2s();
    }

    static double quantile(double[] x, double q) {
        if (x.length == 0) {
            return 0;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    static double[] series(List<Month> history, java.util.function.ToDoubleFunction<Month> f) {
        return history.stream().mapToDouble(f).toArray();
    }

    /** One origin of the backtest: the forecasts made from the months before it, and what it really was. */
    public record BacktestPoint(YearMonth month, double k, double kLow, double kHigh, double actualK, double s2c, double actualS2c,
                                double c2s, double actualC2s) {
    }

    /**
     * Rolling-origin backtest of the 30-day (next-month) forecast: for each of the last {@code origins}
     * months, fit on the months before it and compare with the k realised in it (s2c and c2s too).
     */
    public static List<BacktestPoint> backtest(List<Month> history, MonthlySeries.Parameters p, int origins) {
        int first = history.size() - origins;
        if (origins < 1 || first < p.minHistory()) {
            throw new IllegalArgumentException("a backtest over " + origins + " origins needs " + (origins + p.minHistory())
                    + " months of viral history, there are " + history.size());
        }
        List<BacktestPoint> out = new ArrayList<>();
        for (int o = first; o < history.size(); o++) {
            Prediction f = predict(history.subList(0, o), 30, p);
            Month actual = history.get(o);
            MonthPrediction m = f.months().get(0);
            out.add(new BacktestPoint(actual.month(), m.k().value(), m.k().low80(), m.k().high80(), actual.k(), m.s2c().value(),
                    actual.s2c().k(), m.c2s().value(), actual.c2s().k()));
        }
        return out;
    }

    /** The backtest's metrics: share within +-0.1 (k, s2c, c2s), mean absolute error of k, 80% coverage. */
    public static Map<String, Double> metrics(List<BacktestPoint> points) {
        Map<String, Double> m = new LinkedHashMap<>();
        double n = points.size();
        m.put("within_0_1", points.stream().filter(x -> Math.abs(x.k() - x.actualK()) <= TOLERANCE).count() / n);
        m.put("within_0_1_s2c", points.stream().filter(x -> Math.abs(x.s2c() - x.actualS2c()) <= TOLERANCE).count() / n);
        m.put("within_0_1_c2s", points.stream().filter(x -> Math.abs(x.c2s() - x.actualC2s()) <= TOLERANCE).count() / n);
        m.put("mae_k", points.stream().mapToDouble(x -> Math.abs(x.k() - x.actualK())).average().orElse(0));
        m.put("coverage_80", points.stream().filter(x -> x.actualK() >= x.kLow() && x.actualK() <= x.kHigh()).count() / n);
        m.put("origins", n);
        return m;
    }
}
