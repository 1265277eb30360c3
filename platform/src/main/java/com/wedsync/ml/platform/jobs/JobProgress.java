package com.wedsync.ml.platform.jobs;

import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.jobs.context.JobDashboardProgressBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.wedsync.ml.pipelines.run.Attempt;

/** Shows a step's progress as the JobRunr dashboard's progress bar and job log (and the app log). */
public final class JobProgress implements Attempt.Log {

    private static final Logger log = LoggerFactory.getLogger(JobProgress.class);

    private final JobContext context;
    private final String prefix;
    private JobDashboardProgressBar bar;

    public JobProgress(JobContext context, String prefix) {
        this.context = context;
        this.prefix = prefix;
    }

    @Override
    public void progress(int percent, String message) {
        if (context != null && context != JobContext.Null) {
            if (bar == null) {
                bar = context.progressBar(100);
            }
            bar.setProgress(Math.max(0, Math.min(100, percent)));
        }
        if (message != null) {
            log(message);
        }
    }

    @Override
    public void log(String message) {
        log.info("[{}] {}", prefix, message);
        if (context != null && context != JobContext.Null) {
            context.logger().info(message);
        }
    }

    @Override
    public void warn(String message) {
        log.warn("[{}] {}", prefix, message);
        if (context != null && context != JobContext.Null) {
            context.logger().warn(message);
        }
    }
}
