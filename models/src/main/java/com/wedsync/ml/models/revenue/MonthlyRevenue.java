package com.wedsync.ml.models.revenue;

import java.time.YearMonth;
import java.util.Arrays;

/**
 * One calendar month of MRR movements, by stream (see {@link MrrForecaster#STREAMS}; contraction and
 * churn are negative), and the MRR at the end of the month.
 */
public record MonthlyRevenue(YearMonth month, double[] streams, double mrrEnd) {

    public MonthlyRevenue {
        if (streams.length != MrrForecaster.STREAMS.size()) {
            throw new IllegalArgumentException(month + ": " + streams.length + " stream values, "
                    + MrrForecaster.STREAMS.size() + " expected " + MrrForecaster.STREAMS);
        }
        for (int s = 0; s < streams.length; s++) {
            if (!Double.isFinite(streams[s])) {
                throw new IllegalArgumentException(month + ": stream " + MrrForecaster.STREAMS.get(s) + " is " + streams[s]);
            }
        }
        if (!Double.isFinite(mrrEnd)) {
            throw new IllegalArgumentException(month + ": MRR at the end of the month is " + mrrEnd);
        }
        streams = streams.clone();
    }

    /** The month's net MRR movement: the sum of its streams. */
    public double net() {
        return Arrays.stream(streams).sum();
    }
}
