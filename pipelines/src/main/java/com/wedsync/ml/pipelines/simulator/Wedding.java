package com.wedsync.ml.pipelines.simulator;

import java.util.List;

/** The spec's wedding-market facts the simulator is built on. */
public final class Wedding {

    private Wedding() {
    }

    /** Monthly seasonal factors, January first (spec section 2, applyWeddingSeasonality). */
    public static final double[] SEASONAL = {1.4, 1.2, 1.1, 1.3, 1.5, 1.6, 1.5, 1.4, 1.5, 1.3, 0.8, 0.6};

    public static final List<String> VENDOR_TYPES =
            List.of("photographer", "venue", "planner", "florist", "caterer", "dj", "videographer", "other");
    /** Share of each vendor type among suppliers. */
    static final double[] VENDOR_MIX = {0.30, 0.12, 0.10, 0.10, 0.08, 0.08, 0.08, 0.14};
    /** Relative monthly churn risk of each vendor type (the spec's vendorTypeRisk signal). */
    static final double[] VENDOR_RISK = {1.0, 0.75, 0.85, 1.0, 1.1, 1.35, 1.05, 1.2};

    static final double PEAK = 1.3;
    static final double MODERATE = 1.0;
    static final double LOW = 0.7;

    /**
     * Vendor seasonality (spec section 4, getWeddingSeasonality): peak, moderate or low per month,
     * January first; types without a pattern of their own use the photographer's.
     */
    static final double[][] VENDOR_PATTERN = {
            // photographer: peak May, Jun, Sep, Oct; moderate Apr, Jul, Aug; low Nov-Mar
            {LOW, LOW, LOW, MODERATE, PEAK, PEAK, MODERATE, MODERATE, PEAK, PEAK, LOW, LOW},
            // venue: peak Jun-Sep; moderate May, Oct; low Nov-Apr
            {LOW, LOW, LOW, LOW, MODERATE, PEAK, PEAK, PEAK, PEAK, MODERATE, LOW, LOW},
            // planner: peak Jan-Mar; moderate Apr, May, Sep-Nov; low Jun-Aug, Dec
            {PEAK, PEAK, PEAK, MODERATE, MODERATE, LOW, LOW, LOW, MODERATE, MODERATE, MODERATE, LOW},
            // florist: peak May-Sep; moderate Apr, Oct; low Nov-Mar
            {LOW, LOW, LOW, MODERATE, PEAK, PEAK, PEAK, PEAK, PEAK, MODERATE, LOW, LOW},
            null, null, null, null};

    static double vendorPattern(int vendorType, int monthOfYear0) {
        double[] p = VENDOR_PATTERN[vendorType] == null ? VENDOR_PATTERN[0] : VENDOR_PATTERN[vendorType];
        return p[monthOfYear0];
    }

    static final List<String> REGIONS = List.of("london", "south-east", "north-west", "midlands", "south-west",
            "scotland", "yorkshire", "wales", "north-east", "northern-ireland");
    static final double[] REGION_MIX = {0.22, 0.16, 0.12, 0.12, 0.09, 0.08, 0.08, 0.05, 0.05, 0.03};

    static final List<String> TIERS = List.of("free", "starter", "professional", "scale");
    static final double[] TIER_PRICE = {0, 19, 49, 99};
    static final double[] TIER_MIX = {0.25, 0.35, 0.30, 0.10};
}
