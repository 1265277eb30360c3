package com.wedsync.ml.platform.jobs;

import com.wedsync.ml.pipelines.spi.ProgressListener;

/** Maps a sub-task's 0-100 progress into a slice [from, to] of its job's progress bar. */
public final class ScaledProgress implements ProgressListener {

    private final ProgressListener target;
    private final int from;
    private final int to;

    public ScaledProgress(ProgressListener target, int from, int to) {
        this.target = target;
        this.from = from;
        this.to = to;
    }

    @Override
    public void progress(int percent, String message) {
        target.progress(from + (to - from) * Math.max(0, Math.min(100, percent)) / 100, message);
    }

    @Override
    public void log(String message) {
        target.log(message);
    }
}
