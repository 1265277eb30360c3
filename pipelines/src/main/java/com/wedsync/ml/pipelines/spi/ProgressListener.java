package com.wedsync.ml.pipelines.spi;

/** Where long work reports how far it got; the platform shows it as a JobRunr progress bar and log. */
public interface ProgressListener {

    /** @param percent 0 to 100 */
    default void progress(int percent, String message) {
    }

    default void log(String message) {
    }

    ProgressListener NONE = new ProgressListener() { };
}
