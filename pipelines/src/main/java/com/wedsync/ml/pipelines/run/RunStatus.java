package com.wedsync.ml.pipelines.run;

import java.util.Locale;

/** Where a pipeline run stands. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED;

    /** The name stored in {@code pipeline_runs.status} and shown by the API. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus parse(String s) {
        for (RunStatus r : values()) {
            if (r.dbName().equalsIgnoreCase(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown run status '" + s + "'");
    }
}
