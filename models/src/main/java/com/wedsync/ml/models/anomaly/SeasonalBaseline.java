package com.wedsync.ml.models.anomaly;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one metric's rate is expected to be over a window of days, so that a rate can be judged against
 * its own season rather than against the year: June is not an anomaly against January.
 *
 * <p>The expected rate of a day t is {@code L x S(month of t) x W(weekday of t)}:
 * <ul>
 *   <li><b>S</b>, the calendar-month factor, and <b>W</b>, the day-of-week factor, are learned from the
 *   history once (when the model is trained), multiplicatively, as in classical seasonal decomposition
 *   (the ratio-to-moving-average method; see R. B. Cleveland, W. S. Cleveland, J. E. McRae and I.
 *   Terpenning, "STL: A Seasonal-Trend Decomposition Procedure Based on Loess", Journal of Official
 *   Statistics 6(1), 1990, for the decomposition this simplifies). Each day's rate is divided by its trend,
 *   the rate over the centred year around it (ratio of sums; clipped at the ends of the history), which no
 *   season biases; S(m) is the median, over every week-long chunk of calendar month m in the history
 *   (days 1-7, 8-14, 15-21, 22-end), of the chunk's rate over its trend; W the ratio of sums by weekday of
 *   what is left. A median over chunks keeps a month-long anomaly in one year from moving its month's
 *   factor. Both are normalised to mean 1. With less than a year of history S is 1 (a season cannot be
 *   told from a trend in less).</li>
 *   <li><b>L</b>, the level, is read at detection time from the weeks just before the window: the median
 *   of the de-seasonalised rates of the {@code levelWeeks} week-long blocks that precede it. It follows
 *   growth and slow change; being a median, a few anomalous weeks do not move it; and it never reads the
 *   window it judges, nor anything after it (point in time).</li>
 * </ul>
 *
 * <p>A window's verdict is a ratio of sums, {@code (actual + k) / (expected + k)}, with {@code actual} the
 * window's total numerator and {@code expected} the sum over its days of denominator x expected rate; the
 * pseudo-count k, one event's worth of the numerator ({@link DailyRates#units()}: 1 for a count),
 * keeps small counts from producing extreme ratios (the additive smoothing of a Poisson rate: for a
 * sparse metric, zero events against an expected one is a ratio of 1/2, not 0).
 */
public final class SeasonalBaseline implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Half the trend window: the trend is the rate over the 365 days centred on a day. */
    static final int TREND_HALF_WIDTH = 182;

    private final double[] month;
    private final double[] weekday;
    private final double pseudoCount;
    private final int windowDays;
    private final int levelWeeks;

    private SeasonalBaseline(double[] month, double[] weekday, double pseudoCount, int windowDays, int levelWeeks) {
        this.month = month;
        this.weekday = weekday;
        this.pseudoCount = pseudoCount;
        this.windowDays = windowDays;
        this.levelWeeks = levelWeeks;
    }

    /** A window's actual and expected totals, and what they make. */
    public record Expectation(double actual, double expected, double exposure, double level, double ratio) {
        /** The window's rate: actual over its total denominator (0 when there is none). */
        public double rate() {
            return exposure > 0 ? actual / exposure : 0;
        }

        /** The expected rate over the window. */
        public double expectedRate() {
            return exposure > 0 && Double.isFinite(expected) ? expected / exposure : Double.NaN;
        }
    }

    /**
     * Learns the month and weekday factors of one metric.
     *
     * @param windowDays the window a verdict sums over (e.g. 7)
     * @param levelWeeks the week-long blocks before the window the level is read from (e.g. 12)
     * @param unit       one event's worth of the numerator, the pseudo-count (1 for counts)
     */
    public static SeasonalBaseline fit(LocalDate firstDay, double[] numerator, double[] denominator, int windowDays, int levelWeeks,
                                       double unit) {
        if (windowDays < 1 || levelWeeks < 1) {
            throw new IllegalArgumentException("windowDays and levelWeeks must be at least 1 (got " + windowDays + ", " + levelWeeks + ")");
        }
        if (numerator.length != denominator.length) {
            throw new IllegalArgumentException(numerator.length + " numerators but " + denominator.length + " denominators");
        }
        if (!(unit > 0) || Double.isInfinite(unit)) {
            throw new IllegalArgumentException("unit must be positive (got " + unit + ")");
        }
        int n = numerator.length;
        double k = unit;
        double[] pn = prefix(numerator);
        double[] pd = prefix(denominator);
        double[] trend = new double[n];
        for (int d = 0; d < n; d++) {
            int lo = Math.max(0, d - TREND_HALF_WIDTH);
            int hi = Math.min(n, d + TREND_HALF_WIDTH + 1);
            double den = pd[hi] - pd[lo];
            trend[d] = den > 0 ? (pn[hi] - pn[lo]) / den : Double.NaN;
        }
        double[] s = new double[12];
        Arrays.fill(s, 1.0);
        if (n >= 365) {
            List<List<Double>> chunks = new ArrayList<>();
            for (int m = 0; m < 12; m++) {
                chunks.add(new ArrayList<>());
            }
            double num = 0;
            double exp = 0;
            for (int d = 0; d < n; d++) {
                LocalDate day = firstDay.plusDays(d);
                if (Double.isFinite(trend[d])) {
                    num += numerator[d];
                    exp += denominator[d] * trend[d];
                }
                LocalDate next = day.plusDays(1);
                boolean chunkEnds = d == n - 1 || next.getMonthValue() != day.getMonthValue()
                        || (chunkOf(next) != chunkOf(day));
                if (chunkEnds) {
                    if (exp > 0 || num > 0) {
                        chunks.get(day.getMonthValue() - 1).add((num + k) / (exp + k));
                    }
                    num = 0;
                    exp = 0;
                }
            }
            boolean everyMonth = chunks.stream().noneMatch(List::isEmpty);
            if (everyMonth) {
                for (int m = 0; m < 12; m++) {
                    s[m] = median(chunks.get(m).stream().mapToDouble(Double::doubleValue).toArray());
                }
                normalise(s);
            }
        }
        double[] num = new double[7];
        double[] exp = new double[7];
        for (int d = 0; d < n; d++) {
            if (Double.isFinite(trend[d])) {
                LocalDate day = firstDay.plusDays(d);
                int w = day.getDayOfWeek().getValue() - 1;
                num[w] += numerator[d];
                exp[w] += denominator[d] * trend[d] * s[day.getMonthValue() - 1];
            }
        }
        double[] w = new double[7];
        for (int i = 0; i < 7; i++) {
            w[i] = (num[i] + k) / (exp[i] + k);
        }
        normalise(w);
        return new SeasonalBaseline(s, w, k, windowDays, levelWeeks);
    }

    /** The days of history a verdict needs before and including its day: the window and the level's weeks. */
    public int lookbackDays() {
        return windowDays + 7 * levelWeeks;
    }

    public int windowDays() {
        return windowDays;
    }

    /** S(month) x W(weekday) of a day. */
    public double factor(LocalDate day) {
        return month[day.getMonthValue() - 1] * weekday[day.getDayOfWeek().getValue() - 1];
    }

    /** The calendar-month factors, January first. */
    public double[] monthFactors() {
        return month.clone();
    }

    /** The weekday factors, Monday first. */
    public double[] weekdayFactors() {
        return weekday.clone();
    }

    public double pseudoCount() {
        return pseudoCount;
    }

    /**
     * The verdict on the window of {@code windowDays} days ending with day {@code day} (an index into the
     * series), from that window and the weeks before it only.
     *
     * @throws IllegalArgumentException if the series does not reach {@link #lookbackDays()} back from the day
     */
    public Expectation expect(LocalDate firstDay, double[] numerator, double[] denominator, int day) {
        if (day < lookbackDays() - 1 || day >= numerator.length) {
            throw new IllegalArgumentException("day " + day + " of a " + numerator.length + "-day series: a verdict needs "
                    + lookbackDays() + " days up to and including its day");
        }
        int start = day - windowDays + 1;
        double actual = 0;
        double exposure = 0;
        double seasonal = 0;
        for (int t = start; t <= day; t++) {
            actual += numerator[t];
            exposure += denominator[t];
            seasonal += denominator[t] * factor(firstDay.plusDays(t));
        }
        double[] blocks = new double[levelWeeks];
        int valid = 0;
        for (int b = 1; b <= levelWeeks; b++) {
            double num = 0;
            double exp = 0;
            for (int t = start - 7 * b; t < start - 7 * (b - 1); t++) {
                num += numerator[t];
                exp += denominator[t] * factor(firstDay.plusDays(t));
            }
            if (exp > 0) {
                blocks[valid++] = num / exp;
            }
        }
        double level = valid == 0 ? Double.NaN : median(Arrays.copyOf(blocks, valid));
        double expected = seasonal * level;
        double ratio = Double.isFinite(expected) ? (actual + pseudoCount) / (expected + pseudoCount) : 1.0;
        return new Expectation(actual, expected, exposure, level, ratio);
    }

    private static int chunkOf(LocalDate day) {
        return Math.min(3, (day.getDayOfMonth() - 1) / 7);
    }

    private static double[] prefix(double[] v) {
        double[] p = new double[v.length + 1];
        for (int i = 0; i < v.length; i++) {
            p[i + 1] = p[i] + v[i];
        }
        return p;
    }

    private static void normalise(double[] f) {
        double mean = Arrays.stream(f).average().orElse(1);
        if (mean > 0) {
            for (int i = 0; i < f.length; i++) {
                f[i] /= mean;
            }
        }
    }

    /** The median; sorts its argument. NaN for none. */
    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int h = v.length / 2;
        return v.length % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
    }
}
