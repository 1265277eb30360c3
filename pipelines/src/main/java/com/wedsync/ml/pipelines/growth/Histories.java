package com.wedsync.ml.pipelines.growth;

import java.util.List;

import com.wedsync.ml.models.growth.DemandForecaster;
import com.wedsync.ml.models.growth.ViralLoop;
import com.wedsync.ml.pipelines.spi.FeatureTable;

/** The growth kinds' histories read from feature tables, for benchmarks and tests outside this package. */
public final class Histories {

    private Histories() {
    }

    public static List<ViralLoop.Month> viral(FeatureTable t) {
        return ViralModelKind.history(t);
    }

    public static List<DemandForecaster.Series> demand(FeatureTable t) {
        return DemandModelKind.series(t);
    }
}
