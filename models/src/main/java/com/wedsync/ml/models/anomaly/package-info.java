/**
 * Unsupervised anomaly detection: an isolation forest (Liu, Ting &amp; Zhou, ICDM 2008; extended in ACM
 * TKDD 6(1), 2012). {@link com.wedsync.ml.models.anomaly.IsolationForest} is the immutable, serialisable
 * model, fitted from in-memory rows with an
 * {@link com.wedsync.ml.models.anomaly.IsolationForestParameters} record; its score is the paper's
 * 2<sup>-E[h(x)]/c(&psi;)</sup> in (0, 1], about 0.5 for ordinary rows and near 1 for rows that are
 * isolated in few splits. Pure Java, no I/O: rows come in as {@code double[][]}, artifacts go out as
 * byte arrays through {@link com.wedsync.ml.models.data.Artifacts}.
 *
 * <p>Over daily marketplace metrics: {@link com.wedsync.ml.models.anomaly.DailyRates} (numerators and
 * denominators by day), {@link com.wedsync.ml.models.anomaly.SeasonalBaseline} (a metric's expected rate
 * from calendar-month and weekday factors and a trailing level, so that June is not an anomaly against
 * January) and {@link com.wedsync.ml.models.anomaly.SeasonalIsolationForest}, which judges each day's
 * season-adjusted metrics with a forest grown on the ordinary days before it and the day itself (the
 * sliding-window isolation forest of Ding &amp; Fei, 2013): a forest grown on history alone cannot score
 * anything beyond the history's most extreme day higher than that day.
 */
package com.wedsync.ml.models.anomaly;
