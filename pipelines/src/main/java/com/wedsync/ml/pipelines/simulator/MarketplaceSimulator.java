package com.wedsync.ml.pipelines.simulator;

import static com.wedsync.ml.pipelines.simulator.Wedding.SEASONAL;
import static com.wedsync.ml.pipelines.simulator.Wedding.TIER_PRICE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Generates a WedSync marketplace history month by month from a seed.
 *
 * <p>Each supplier has a latent engagement that wanders (AR(1) around its own mean) and sometimes
 * enters a decline; what it does follows from it: sessions (activity_logs), forms, clients, invitations
 * of couples, support tickets, payments, upgrades and downgrades. Each month a supplier churns with a
 * hazard that is a logistic function of the spec's signals as observed at the start of the month (days
 * since login, forms last month, active clients, failed payments, downgrades, negative tickets,
 * competitor mentions, off-season, vendor type) plus an unobserved noise term: learnable, not trivial.
 * Nothing of a churned supplier is dated after its churn.
 *
 * <p>Couples arrive with the spec's monthly seasonal factors (no trend, so a month's volume is the
 * factor times a constant); their enquiries follow the vendor patterns. The viral loop runs both
 * ways: suppliers invite couples, couples invite suppliers; the true k-factor is recorded monthly.
 * Planted: a revenue dip (payment failures x4, churn hazard x2.5 for a month), an invitation-rate drop
 * (invitations x0.4 for a month), and a drift (session durations x1.6 from a known month on).
 *
 * <p>Seeded anomalies ({@link SimulationParameters#seededAnomalies()}), for measuring a detector: types, magnitudes
 * (mild, moderate, severe), lengths (7, 14 or 21 days) and dates drawn from a random stream of their own, so that
 * outside their windows the marketplace draws what the same seed without them would. Within a window:
 * <ul>
 *   <li>revenue dip: payment failures x2.5/x4/x6 and churn hazard x1.5/x2/x2.5;</li>
 *   <li>churn spike: churn hazard x2/x3/x4 (the extra churns fall in the window);</li>
 *   <li>invitation drop: invitations on both sides of the loop x0.6/x0.4/x0.2;</li>
 *   <li>usage collapse: sessions and forms x0.6/x0.4/x0.2 (an outage or a broken release);</li>
 *   <li>support surge: support tickets x1.8/x2.5/x4.</li>
 * </ul>
 * Each is recorded in sim_planted_events (event type {@code anomaly_<type>}, ends_on the first day after it).
 */
public final class MarketplaceSimulator {

    static final double SESSION_RATE = 4.0;
    static final double BASE_LOGIT = -6.8;
    /** The unobserved part of the churn hazard (sd on the logit scale): why churn is not trivial to predict. */
    static final double NOISE_SD = 0.4;
    static final double DRIFT_DURATION_FACTOR = 1.6;
    static final double INVITE_DROP_FACTOR = 0.4;
    static final double DIP_FAILURE_FACTOR = 4.0;
    static final double DIP_HAZARD_FACTOR = 2.5;
    private static final long DAY = 86_400L;
    private static final String[] COMPETITORS = {"HoneyBook", "Dubsado", "17hats"};

    private final SimulationParameters p;
    private final SimulationSink sink;
    private final SplittableRandom rnd;
    private final BiConsumer<Integer, String> progress;

    private final List<Supplier> active = new ArrayList<>();
    private final Map<SimTable, Long> counts = new EnumMap<>(SimTable.class);
    private final long startSec;
    private final long endSec;
    private final int revenueDipMonth;
    private final int inviteDropMonth;
    private final int driftMonthIndex;
    private final List<Seeded> seeded;
    private int churnedTotal;
    /** Sees every (supplier, month): the true monthly churn hazard and whether the supplier churned. */
    private HazardProbe probe = (h, churned) -> { };

    /** Receives the true hazard of each supplier-month and its outcome (for measuring learnability). */
    @FunctionalInterface
    public interface HazardProbe {
        void seen(double hazard, boolean churned);
    }

    public MarketplaceSimulator withProbe(HazardProbe probe) {
        this.probe = probe;
        return this;
    }

    /** A supplier's state during the simulation. */
    private static final class Supplier {
        UUID id;
        int type;
        int region;
        int tier;
        boolean paidBefore;
        double mu;
        double e;
        long createdSec;
        long lastLoginSec;
        int formsLastMonth;
        int[] failed = new int[3];
        int[] downgrades = new int[3];
        int[] negative = new int[3];
        int competitorMentions;
        List<Long> weddingDays = new ArrayList<>();
        boolean onboardingCall;
        UUID referred;
        String channel;
    }

    /** The seeded anomaly types, their event type and target in sim_planted_events, and their three magnitudes. */
    public enum SeededKind {
        REVENUE_DIP("anomaly_revenue_dip", "mrr", new double[] {2.5, 4.0, 6.0}),
        CHURN_SPIKE("anomaly_churn_spike", "churn_rate", new double[] {2.0, 3.0, 4.0}),
        INVITATION_DROP("anomaly_invitation_drop", "invitation_rate", new double[] {0.6, 0.4, 0.2}),
        USAGE_COLLAPSE("anomaly_usage_collapse", "sessions", new double[] {0.6, 0.4, 0.2}),
        SUPPORT_SURGE("anomaly_support_surge", "tickets", new double[] {1.8, 2.5, 4.0});

        public final String eventType;
        public final String target;
        final double[] magnitudes;

        SeededKind(String eventType, String target, double[] magnitudes) {
            this.eventType = eventType;
            this.target = target;
            this.magnitudes = magnitudes;
        }
    }

    static final String[] LEVELS = {"mild", "moderate", "severe"};
    /** A revenue dip's churn hazard factor by level. */
    static final double[] DIP_CHURN = {1.5, 2.0, 2.5};

    /** A seeded anomaly: [fromSec, toSec), its main factor and, for a revenue dip, its churn factor. */
    record Seeded(SeededKind kind, long fromSec, long toSec, int level, double magnitude, double churnFactor) {
    }

    /** The seeded anomalies of the run, in date order. */
    public List<String[]> seededAnomalies() {
        List<String[]> out = new ArrayList<>();
        for (Seeded a : seeded) {
            out.add(new String[] {a.kind().eventType, LocalDate.ofEpochDay(a.fromSec() / DAY).toString(),
                    LocalDate.ofEpochDay(a.toSec() / DAY).toString(), LEVELS[a.level()]});
        }
        return out;
    }

    /** What a run produced. */
    public record Summary(Map<SimTable, Long> rows, int suppliers, int churned, LocalDate start, LocalDate end) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param progress called with a percentage (0-100) and a message as months complete; may be null
     */
    public MarketplaceSimulator(SimulationParameters parameters, SimulationSink sink, BiConsumer<Integer, String> progress) {
        this.p = parameters;
        this.sink = sink;
        this.rnd = new SplittableRandom(parameters.seed());
        this.progress = progress == null ? (a, b) -> { } : progress;
        this.startSec = epoch(parameters.startDate());
        this.endSec = epoch(parameters.endDate());
        this.revenueDipMonth = parameters.anomalies() ? parameters.months() - 10 : -1;
        this.inviteDropMonth = parameters.anomalies() ? parameters.months() - 8 : -1;
        this.driftMonthIndex = parameters.driftMonth() > 0 ? parameters.months() - parameters.driftMonth() : Integer.MAX_VALUE;
        this.seeded = plan(parameters);
    }

    /**
     * Draws the seeded anomalies from a stream of their own: one in each equal slot of the last
     * {@link SimulationParameters#seededMonths()} months, at least 7 days after the slot starts and 14 before it ends,
     * the types in shuffled rounds of all five.
     */
    private List<Seeded> plan(SimulationParameters p) {
        List<Seeded> out = new ArrayList<>();
        int n = p.seededAnomalies();
        if (n == 0) {
            return out;
        }
        SplittableRandom r = new SplittableRandom(p.seed() * 0x9E3779B97F4A7C15L + 0x5EEDEDL);
        long first = epoch(p.startDate().plusMonths(p.months() - (long) p.seededMonths())) / DAY;
        long last = endSec / DAY;
        double slot = (last - first) / (double) n;
        SeededKind[] kinds = SeededKind.values();
        List<SeededKind> round = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (round.isEmpty()) {
                round.addAll(List.of(kinds));
                for (int j = round.size() - 1; j > 0; j--) {
                    java.util.Collections.swap(round, j, r.nextInt(j + 1));
                }
            }
            SeededKind k = round.remove(round.size() - 1);
            int days = 7 * (1 + r.nextInt(3));
            int level = r.nextInt(3);
            long slotFrom = first + (long) Math.floor(i * slot);
            long room = Math.max(1, (long) Math.floor(slot) - days - 21);
            long from = slotFrom + 7 + r.nextLong(room);
            double mag = k.magnitudes[level];
            out.add(new Seeded(k, from * DAY, (from + days) * DAY, level, mag, k == SeededKind.REVENUE_DIP ? DIP_CHURN[level] : 1));
        }
        return out;
    }

    /** The factor of the seeded anomaly of kind k at time t (1 outside every window of k). */
    private double seededFactor(SeededKind k, long t) {
        for (Seeded a : seeded) {
            if (a.kind() == k && t >= a.fromSec() && t < a.toSec()) {
                return a.magnitude();
            }
        }
        return 1;
    }

    /** Whether an event at time t survives the thinning of a seeded drop of kind k (draws only inside its window). */
    private boolean kept(SeededKind k, long t) {
        if (seeded.isEmpty()) {
            return true;
        }
        double f = seededFactor(k, t);
        return f >= 1 || rnd.nextDouble() < f;
    }

    public Summary run() {
        int months = p.months();
        int initial = (int) Math.round(p.suppliers() * 0.25);
        int[] arrivals = allocateArrivals(p.suppliers() - initial, months);
        for (int i = 0; i < initial; i++) {
            long created = startSec - (long) (rnd.nextDouble() * 730 * DAY) - DAY;
            Supplier s = newSupplier(created, rnd.nextDouble() < 0.5 ? "paid" : "organic", null);
            s.lastLoginSec = startSec - (long) (rnd.nextDouble() * 10 * DAY);
        }
        double couplesBase = 2.5 * p.suppliers() / months / 1.2667;
        plantedEvents();
        for (int m = 0; m < months; m++) {
            simulateMonth(m, arrivals[m], couplesBase);
            progress.accept((m + 1) * 100 / months, "simulated month " + (m + 1) + " of " + months + " ("
                    + monthStart(m) + "): " + active.size() + " active suppliers");
        }
        for (Supplier s : active) {
            writeSupplier(s, "active");
        }
        return new Summary(Map.copyOf(counts), p.suppliers(), churnedTotal, p.startDate(), p.endDate());
    }

    // ---- months ----------------------------------------------------------------------------------

    private void simulateMonth(int m, int newSuppliers, double couplesBase) {
        LocalDate monthStart = monthStart(m);
        long from = epoch(monthStart);
        long to = Math.min(epoch(monthStart.plusMonths(1)), endSec);
        int moy = monthStart.getMonthValue() - 1;
        boolean dip = m == revenueDipMonth;
        double inviteFactor = m == inviteDropMonth ? INVITE_DROP_FACTOR : 1.0;
        double durationFactor = m >= driftMonthIndex ? DRIFT_DURATION_FACTOR : 1.0;

        // 1. churn decisions from the signals observed at the start of the month
        int churned = 0;
        List<Supplier> staying = new ArrayList<>(active.size());
        List<long[]> churnTimes = new ArrayList<>();
        List<Supplier> leaving = new ArrayList<>();
        for (Supplier s : active) {
            double[] contributions = hazardContributions(s, from, moy);
            double z = BASE_LOGIT + rnd.nextGaussian() * NOISE_SD;
            for (double c : contributions) {
                z += c;
            }
            if (dip) {
                z += Math.log(DIP_HAZARD_FACTOR);
            }
            double h = 1 / (1 + Math.exp(-z));
            boolean churns = rnd.nextDouble() < h;
            long at = -1;
            if (!churns && !seeded.isEmpty()) {
                // a seeded churn spike or revenue dip: the extra hazard, its churns inside the window
                for (Seeded a : seeded) {
                    double factor = a.kind() == SeededKind.CHURN_SPIKE ? a.magnitude() : a.churnFactor();
                    long lo = Math.max(from, a.fromSec());
                    long hi = Math.min(to, a.toSec());
                    if (factor > 1 && hi - lo > 1 && !churns) {
                        if (rnd.nextDouble() < Math.min(1, h * (factor - 1) * (hi - lo) / (double) (to - from))) {
                            churns = true;
                            at = lo + (long) (rnd.nextDouble() * (hi - lo - 1));
                            h = Math.min(1, h * factor);
                        }
                    }
                }
            }
            probe.seen(h, churns);
            if (churns) {
                if (at < 0) {
                    at = from + (long) (rnd.nextDouble() * (to - from - 1));
                }
                leaving.add(s);
                churnTimes.add(new long[] {at, Double.doubleToLongBits(h), argmax(contributions)});
            } else {
                staying.add(s);
            }
        }

        // 2. this month's behaviour, of the staying and (up to their churn) of the leaving
        int viralCouples = 0;
        List<UUID> newCouples = new ArrayList<>();
        double monthFraction = (to - from) / (double) (epoch(monthStart.plusMonths(1)) - from);
        int couplesTarget = poisson(couplesBase * SEASONAL[moy] * monthFraction);
        for (int i = 0; i < staying.size() + leaving.size(); i++) {
            boolean leaves = i >= staying.size();
            Supplier s = leaves ? leaving.get(i - staying.size()) : staying.get(i);
            long until = leaves ? churnTimes.get(i - staying.size())[0] : to;
            viralCouples += behave(s, from, until, moy, dip, inviteFactor, durationFactor, couplesTarget - viralCouples,
                    newCouples);
        }
        for (int i = 0; i < leaving.size(); i++) {
            Supplier s = leaving.get(i);
            long[] c = churnTimes.get(i);
            churn(s, c[0], Double.longBitsToDouble(c[1]), (int) c[2]);
            churned++;
        }
        active.clear();
        active.addAll(staying);

        // 3. organic couples, their enquiries, hires and invitations of suppliers
        int organic = Math.max(0, couplesTarget - viralCouples);
        for (int i = 0; i < organic; i++) {
            newCouples.add(couple(from + (long) (rnd.nextDouble() * (to - from)), null));
        }
        // the true demand of the month: each new couple enquires of vendor type v a Poisson(0.35 x pattern) number
        // of times, each enquiry in a region drawn from the region mix (no random number is drawn here)
        for (int v = 0; v < Wedding.VENDOR_TYPES.size(); v++) {
            for (int r = 0; r < Wedding.REGIONS.size(); r++) {
                emit(SimTable.SIM_DEMAND_TRUTH, monthStart, Wedding.VENDOR_TYPES.get(v), Wedding.REGIONS.get(r),
                        newCouples.size() * ENQUIRIES_PER_COUPLE * Wedding.vendorPattern(v, moy) * Wedding.REGION_MIX[r]);
            }
        }
        int c2sActivated = 0;
        List<UUID> invitingCouples = new ArrayList<>();
        for (UUID couple : newCouples) {
            long t = from + (long) (rnd.nextDouble() * (to - from));
            for (int v = 0; v < Wedding.VENDOR_TYPES.size(); v++) {
                int n = poisson(ENQUIRIES_PER_COUPLE * Wedding.vendorPattern(v, moy));
                for (int k = 0; k < n; k++) {
                    emit(SimTable.ENQUIRIES, couple, null, Wedding.VENDOR_TYPES.get(v), region(),
                            ts(t), LocalDate.ofEpochDay((t / DAY) + 120 + rnd.nextInt(420)));
                }
            }
            int hires = active.isEmpty() ? 0 : Math.min(active.size(), poisson(1.2));
            java.util.Set<UUID> hired = new java.util.HashSet<>();
            for (int k = 0; k < hires; k++) {
                Supplier s = active.get(rnd.nextInt(active.size()));
                if (!hired.add(s.id)) {
                    continue;
                }
                long hiredAt = Math.max(t, s.createdSec + 1);
                if (hiredAt >= to) {
                    continue;
                }
                long wedding = hiredAt / DAY + 60 + rnd.nextInt(400);
                emit(SimTable.COUPLE_SUPPLIERS, couple, s.id, ts(hiredAt));
                emit(SimTable.CLIENTS, s.id, couple, LocalDate.ofEpochDay(wedding), ts(hiredAt), ts(hiredAt));
                s.weddingDays.add(wedding);
            }
            int invites = poisson(0.3 * inviteFactor);
            for (int k = 0; k < invites; k++) {
                if (!kept(SeededKind.INVITATION_DROP, t)) {
                    continue;
                }
                boolean activates = c2sActivated < newSuppliers * 0.6 && rnd.nextDouble() < 0.45;
                if (activates) {
                    c2sActivated++;
                    invitingCouples.add(couple);
                } else {
                    emit(SimTable.COUPLE_INVITES, "couple_to_supplier", null, couple, ts(t), false, null);
                }
            }
        }

        // 4. new suppliers: viral ones brought by couples' invitations, the rest paid or organic
        for (int i = 0; i < newSuppliers; i++) {
            long created = from + (long) (rnd.nextDouble() * (to - from - 1));
            Supplier s;
            if (i < invitingCouples.size()) {
                UUID couple = invitingCouples.get(i);
                s = newSupplier(created, "viral", couple);
                emit(SimTable.COUPLE_INVITES, "couple_to_supplier", s.id, couple, ts(Math.max(from, created - DAY * 3)),
                        true, ts(created));
            } else {
                s = newSupplier(created, rnd.nextDouble() < 0.5 ? "paid" : "organic", null);
            }
            s.lastLoginSec = created;
        }

        // 5. ground truth of the month
        double mrr = 0;
        for (Supplier s : active) {
            mrr += TIER_PRICE[s.tier];
        }
        int inviters = active.size() + newCouples.size();
        double kS2c = active.isEmpty() ? 0 : (double) viralCouples / active.size();
        double kC2s = newCouples.isEmpty() ? 0 : (double) invitingCouples.size() / newCouples.size();
        double k = inviters == 0 ? 0 : (double) (viralCouples + invitingCouples.size()) / inviters;
        emit(SimTable.SIM_MONTHLY_TRUTH, monthStart, SEASONAL[moy], active.size(), newSuppliers, churned,
                newCouples.size(), round2(mrr), k, kS2c, kC2s);
    }

    /** The logit contributions of the spec's churn signals, as observed at {@code now}. */
    private double[] hazardContributions(Supplier s, long now, int moy) {
        double daysSinceLogin = Math.max(0, (now - s.lastLoginSec) / (double) DAY);
        int activeClients = 0;
        long today = now / DAY;
        for (long w : s.weddingDays) {
            if (w >= today) {
                activeClients++;
            }
        }
        return new double[] {
                2.6 * Math.min(daysSinceLogin, 90) / 30.0,                     // last login
                s.formsLastMonth == 0 ? 0.6 : 0.0,                                // forms created
                activeClients < 5 ? 0.5 : 0.0,                                    // active clients
                1.2 * Math.min(3, sum(s.failed)),                                  // payment failures
                1.0 * Math.min(2, sum(s.downgrades)),                              // downgrades
                0.7 * Math.min(3, sum(s.negative)),                                // negative tickets
                s.competitorMentions > 0 ? 1.5 : 0.0,                              // competitor mentions
                0.5 * Math.max(0, 1.3 - SEASONAL[moy]),                           // off-season
                Math.log(Wedding.VENDOR_RISK[s.type])};                            // vendor type
    }

    /** A new couple's mean enquiries of one vendor type in an average month (times the type's pattern for the month). */
    static final double ENQUIRIES_PER_COUPLE = 0.35;

    static final String[] DRIVERS = {"days_since_login", "no_recent_forms", "few_active_clients", "failed_payments",
            "downgrades", "negative_tickets", "competitor_mentions", "off_season", "vendor_type"};

    /** One supplier's month; returns how many couples its invitations brought. */
    private int behave(Supplier s, long from, long until, int moy, boolean dip, double inviteFactor, double durationFactor,
                       int couplesLeft, List<UUID> newCouples) {
        // engagement: AR(1) around the supplier's mean, with occasional declines
        if (rnd.nextDouble() < 0.03) {
            s.mu -= 0.8;
            s.e -= 1.2;
        }
        s.e = s.mu + 0.85 * (s.e - s.mu) + 0.35 * rnd.nextGaussian();
        for (int[] ring : new int[][] {s.failed, s.downgrades, s.negative}) {
            ring[2] = ring[1];
            ring[1] = ring[0];
            ring[0] = 0;
        }
        long start = Math.max(from, s.createdSec);
        if (until <= start) {
            s.formsLastMonth = 0;
            return 0;
        }
        double span = until - start;
        double fraction = span / (30.0 * DAY);
        double busy = Math.sqrt(Wedding.vendorPattern(s.type, moy));

        int sessions = poisson(SESSION_RATE * Math.exp(0.8 * s.e) * busy * fraction);
        for (int i = 0; i < sessions; i++) {
            long t = start + (long) (rnd.nextDouble() * span);
            if (!kept(SeededKind.USAGE_COLLAPSE, t)) {
                continue;
            }
            int duration = (int) Math.round(600 * Math.exp(0.3 * s.e + 0.6 * rnd.nextGaussian()) * durationFactor);
            emit(SimTable.ACTIVITY_LOGS, s.id, ts(t), "session", duration);
            s.lastLoginSec = Math.max(s.lastLoginSec, t);
        }
        int forms = poisson(0.35 * Math.exp(0.7 * s.e) * fraction);
        for (int i = 0; i < forms; i++) {
            String name = "Form " + (rnd.nextInt(9000) + 1000);
            long t = start + (long) (rnd.nextDouble() * span);
            if (!kept(SeededKind.USAGE_COLLAPSE, t)) {
                continue;
            }
            emit(SimTable.FORMS, s.id, name, ts(t));
        }
        s.formsLastMonth = forms;
        int clients = poisson(0.9 * Math.exp(0.5 * s.e) * SEASONAL[moy] / 1.27 * fraction);
        for (int i = 0; i < clients; i++) {
            long t = start + (long) (rnd.nextDouble() * span);
            long wedding = t / DAY + 30 + rnd.nextInt(370);
            emit(SimTable.CLIENTS, s.id, null, LocalDate.ofEpochDay(wedding), ts(t), ts(t));
            s.weddingDays.add(wedding);
        }
        long today = until / DAY;
        s.weddingDays.removeIf(w -> w < today - 1);
        int brought = 0;
        int invites = poisson(0.6 * Math.exp(0.5 * s.e) * inviteFactor * fraction);
        for (int i = 0; i < invites; i++) {
            long t = start + (long) (rnd.nextDouble() * span);
            if (!kept(SeededKind.INVITATION_DROP, t)) {
                continue;
            }
            boolean activates = brought < couplesLeft && rnd.nextDouble() < 0.3;
            if (activates) {
                long joined = Math.min(until - 1, t + (long) (rnd.nextDouble() * 5 * DAY));
                UUID couple = couple(joined, s.id);
                newCouples.add(couple);
                emit(SimTable.COUPLE_INVITES, "supplier_to_couple", s.id, couple, ts(t), true, ts(joined));
                brought++;
            } else {
                emit(SimTable.COUPLE_INVITES, "supplier_to_couple", s.id, null, ts(t), false, null);
            }
        }
        double ticketRate = 0.12 + 0.25 / (1 + Math.exp(2 * s.e + 1));
        int tickets = poisson(ticketRate * fraction);
        for (int i = 0; i < tickets; i++) {
            ticket(s, start + (long) (rnd.nextDouble() * span));
        }
        for (Seeded a : seeded) {
            long lo = Math.max(start, a.fromSec());
            long hi = Math.min(until, a.toSec());
            if (a.kind() == SeededKind.SUPPORT_SURGE && hi > lo) {
                // a surge: the extra tickets inside the window
                int extra = poisson(ticketRate * (a.magnitude() - 1) * (hi - lo) / (30.0 * DAY));
                for (int i = 0; i < extra; i++) {
                    ticket(s, lo + (long) (rnd.nextDouble() * (hi - lo)));
                }
            }
        }
        if (s.tier > 0 && until - start > 2 * DAY) {
            long t = start + (long) (rnd.nextDouble() * span);
            double failP = (0.025 + (s.e < -1 ? 0.06 : 0)) * (dip ? DIP_FAILURE_FACTOR : 1)
                    * (seeded.isEmpty() ? 1 : seededFactor(SeededKind.REVENUE_DIP, t));
            boolean failed = rnd.nextDouble() < failP;
            emit(SimTable.PAYMENTS, s.id, round2(TIER_PRICE[s.tier]), failed ? "failed" : "succeeded", ts(t),
                    failed ? ts(t) : null);
            if (failed) {
                s.failed[0]++;
            }
        }
        if (until - start > DAY) {
            long t = start + (long) (rnd.nextDouble() * span);
            if (s.tier < 3 && s.tier > 0 && rnd.nextDouble() < 0.015 * Math.exp(s.e)) {
                tierChange(s, s.tier + 1, "expansion", t);
            } else if (s.tier > 0 && rnd.nextDouble() < 0.02 * Math.exp(-s.e)) {
                tierChange(s, s.tier - 1, "contraction", t);
                s.downgrades[0]++;
            } else if (s.tier == 0 && s.paidBefore && s.e > 0.3 && rnd.nextDouble() < 0.1) {
                tierChange(s, 1, "reactivation", t);
            }
        }
        return brought;
    }

    /** One support ticket of the supplier at time t: its sentiment and content from the supplier's engagement. */
    private void ticket(Supplier s, long t) {
        boolean negative = rnd.nextDouble() < 1 / (1 + Math.exp(1.2 * s.e + 0.5));
        boolean competitor = negative && rnd.nextDouble() < (s.e < -1 ? 0.4 : 0.12);
        String content = negative
                ? (competitor ? "We are considering moving to " + COMPETITORS[rnd.nextInt(3)] + ": it does this better."
                : "This is frustrating, the form builder keeps losing my changes.")
                : "How do I add a second photographer to a booking?";
        emit(SimTable.SUPPORT_TICKETS, s.id, ts(t), negative ? "negative" : (rnd.nextDouble() < 0.3 ? "positive" : "neutral"),
                negative ? "Problem" : "Question", content);
        if (negative) {
            s.negative[0]++;
        }
        if (competitor) {
            s.competitorMentions++;
        }
    }

    // ---- entities --------------------------------------------------------------------------------

    private Supplier newSupplier(long created, String channel, UUID referredBy) {
        Supplier s = new Supplier();
        s.id = uuid();
        s.type = pick(Wedding.VENDOR_MIX);
        s.region = pick(Wedding.REGION_MIX);
        s.tier = pick(Wedding.TIER_MIX);
        s.paidBefore = s.tier > 0;
        s.mu = 0.6 * rnd.nextGaussian() + (channel.equals("viral") ? 0.15 : 0);
        s.e = s.mu + 0.3 * rnd.nextGaussian();
        s.createdSec = created;
        s.onboardingCall = rnd.nextDouble() < 0.3;
        if (s.onboardingCall) {
            s.mu += 0.2;
        }
        s.referred = referredBy;
        s.channel = channel;
        emit(SimTable.SUBSCRIPTION_EVENTS, s.id, "new", ts(created), null, Wedding.TIERS.get(s.tier),
                round2(TIER_PRICE[s.tier]), channel);
        active.add(s);
        return s;
    }

    private void tierChange(Supplier s, int to, String type, long t) {
        emit(SimTable.SUBSCRIPTION_EVENTS, s.id, type, ts(t), Wedding.TIERS.get(s.tier), Wedding.TIERS.get(to),
                round2(TIER_PRICE[to] - TIER_PRICE[s.tier]), null);
        s.tier = to;
        if (to > 0) {
            s.paidBefore = true;
        }
    }

    private void churn(Supplier s, long at, double hazard, int driver) {
        emit(SimTable.SUBSCRIPTION_EVENTS, s.id, "churn", ts(at), Wedding.TIERS.get(s.tier), null,
                round2(-TIER_PRICE[s.tier]), null);
        emit(SimTable.SIM_CHURN_TRUTH, s.id, ts(at), hazard, DRIVERS[driver]);
        s.tier = 0;
        churnedTotal++;
        writeSupplier(s, "churned");
    }

    private void writeSupplier(Supplier s, String status) {
        // the supplier row is written once, with its final state; parents are loaded before children
        emit(SimTable.SUPPLIERS, s.id, Wedding.VENDOR_TYPES.get(s.type) + " " + s.id.toString().substring(0, 8),
                Wedding.VENDOR_TYPES.get(s.type), Wedding.REGIONS.get(s.region), Wedding.TIERS.get(s.tier),
                round2(TIER_PRICE[s.tier]), s.channel, s.referred, s.onboardingCall, ts(s.createdSec),
                ts(Math.max(s.createdSec, s.lastLoginSec)), status);
    }

    private UUID couple(long created, UUID invitedBy) {
        UUID id = uuid();
        long wedding = created / DAY + 120 + rnd.nextInt(420);
        emit(SimTable.COUPLES, id, region(), LocalDate.ofEpochDay(wedding), ts(created), invitedBy);
        return id;
    }

    private void plantedEvents() {
        int id = 1;
        if (revenueDipMonth >= 0) {
            LocalDate m = monthStart(revenueDipMonth);
            emit(SimTable.SIM_PLANTED_EVENTS, id++, "anomaly_revenue_dip", "mrr", m, m.plusMonths(1), DIP_HAZARD_FACTOR,
                    "payment failures x" + DIP_FAILURE_FACTOR + " and churn hazard x" + DIP_HAZARD_FACTOR + " for one month");
        }
        if (inviteDropMonth >= 0) {
            LocalDate m = monthStart(inviteDropMonth);
            emit(SimTable.SIM_PLANTED_EVENTS, id++, "anomaly_invitation_drop", "invitation_rate", m, m.plusMonths(1),
                    INVITE_DROP_FACTOR, "invitations x" + INVITE_DROP_FACTOR + " for one month (a bug in the invitation flow)");
        }
        if (driftMonthIndex < p.months()) {
            LocalDate m = monthStart(driftMonthIndex);
            emit(SimTable.SIM_PLANTED_EVENTS, id++, "drift", "avg_session_duration", m, null, DRIFT_DURATION_FACTOR,
                    "new editor: session durations x" + DRIFT_DURATION_FACTOR + " from this month on");
        }
        for (Seeded a : seeded) {
            long days = (a.toSec() - a.fromSec()) / DAY;
            String what = switch (a.kind()) {
                case REVENUE_DIP -> "payment failures x" + a.magnitude() + " and churn hazard x" + a.churnFactor();
                case CHURN_SPIKE -> "churn hazard x" + a.magnitude();
                case INVITATION_DROP -> "invitations on both sides x" + a.magnitude();
                case USAGE_COLLAPSE -> "sessions and forms x" + a.magnitude();
                case SUPPORT_SURGE -> "support tickets x" + a.magnitude();
            };
            emit(SimTable.SIM_PLANTED_EVENTS, id++, a.kind().eventType, a.kind().target, LocalDate.ofEpochDay(a.fromSec() / DAY),
                    LocalDate.ofEpochDay(a.toSec() / DAY), a.magnitude(), "seeded, " + LEVELS[a.level()] + ": " + what + " for " + days
                            + " days");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private int[] allocateArrivals(int total, int months) {
        double[] w = new double[months];
        double sum = 0;
        for (int m = 0; m < months; m++) {
            LocalDate ms = monthStart(m);
            long to = Math.min(epoch(ms.plusMonths(1)), endSec);
            double fraction = (to - epoch(ms)) / (double) (epoch(ms.plusMonths(1)) - epoch(ms));
            w[m] = SEASONAL[ms.getMonthValue() - 1] * Math.pow(1.03, m) * fraction;
            sum += w[m];
        }
        int[] out = new int[months];
        int given = 0;
        for (int m = 0; m < months; m++) {
            out[m] = (int) Math.floor(total * w[m] / sum);
            given += out[m];
        }
        for (int m = months - 1; given < total; m = (m - 1 + months) % months) {
            out[m]++;
            given++;
        }
        return out;
    }

    private LocalDate monthStart(int m) {
        return p.startDate().plusMonths(m);
    }

    private void emit(SimTable table, Object... values) {
        sink.row(table, values);
        counts.merge(table, 1L, Long::sum);
    }

    private UUID uuid() {
        long msb = (rnd.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (rnd.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private String region() {
        return Wedding.REGIONS.get(pick(Wedding.REGION_MIX));
    }

    private int pick(double[] weights) {
        double u = rnd.nextDouble();
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Knuth's algorithm for small means, a rounded normal approximation above 30. */
    int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * rnd.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double q = 1;
        do {
            k++;
            q *= rnd.nextDouble();
        } while (q > l);
        return k - 1;
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int x : a) {
            s += x;
        }
        return s;
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Instant ts(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond);
    }

    private static long epoch(LocalDate d) {
        return d.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }
}
