package com.wedsync.ml.pipelines.run;

import java.util.List;
import java.util.Optional;

/** The steps of a pipeline run, in order, each with its name, title and retries, stated once. */
public enum Step {
    FEATURES("features", "refresh features", 3),
    TRAIN("train", "train", 2),
    VALIDATE("validate", "validate against gates and champion", 2),
    PROMOTE("promote", "promote", 3);

    private final String id;
    private final String title;
    private final int retries;

    Step(String id, String title, int retries) {
        this.id = id;
        this.title = title;
        this.retries = retries;
    }

    /** The step's name in job ids, labels and run results. */
    public String id() {
        return id;
    }

    /** What the dashboard calls it, after the pipeline's name. */
    public String title() {
        return title;
    }

    /** Retries after the first attempt. */
    public int retries() {
        return retries;
    }

    /** The step after this one, if any. */
    public Optional<Step> next() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    /** The step names in order. */
    public static List<String> ids() {
        return List.of(values()).stream().map(Step::id).toList();
    }
}
