package com.wedsync.ml.pipelines.spi;

/** Where long work reports how far it got; the platform shows it as a JobRunr progress bar and log. */
public interface ProgressListener {

    /** @param percent 0 to 100 */
    default void progress(int percent, String message) {
    }

    default void log(String message) {
    }

    ProgressListener NONE = new ProgressListener() { };

    /** This listener seen by a sub-task: the sub-task's 0-100 progress maps into the slice [from, to] of this one's. */
    default ProgressListener scaled(int from, int to) {
        ProgressListener target = this;
        return new ProgressListener() {
            @Override
            public void progress(int percent, String message) {
                target.progress(from + (to - from) * Math.max(0, Math.min(100, percent)) / 100, message);
            }

            @Override
            public void log(String message) {
                target.log(message);
            }
        };
    }
}
