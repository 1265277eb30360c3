package com.wedsync.ml.models.forecast;

/**
 * One way of forecasting a given history, a candidate for {@link SeriesForecaster#select}: fitted on its
 * first {@code months} months, it forecasts the {@code horizon} months after them. A candidate is bound to
 * the data it was made for, so a model of several streams (the MRR stream model) is a candidate like a
 * model of the total.
 */
public interface Candidate {

    /** A short name, recorded in provenance ("ETS(M,Ad,M)", "seasonal_naive", "mrr_streams"). */
    String name();

    /** The fewest months it can be fitted on. */
    int minHistory();

    /** The months of data it is bound to. */
    int size();

    /** The actual value of month {@code t} (what forecasts are judged against). */
    double actual(int t);

    /** Fits on months {@code [0, months)} and forecasts the next {@code horizon}. */
    SeriesForecast forecast(int months, int horizon);
}
