package com.wedsync.ml.platform.simulator;

import java.util.Map;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.springframework.stereotype.Component;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.platform.jobs.JobProgress;
import com.wedsync.ml.platform.startup.StartupPipelines;

/** The simulator as a JobRunr job: progress bar, log lines, and the start-up pipelines once it is done. */
@Component
public class SimulatorJob {

    private final MarketplaceLoader loader;
    private final StartupPipelines startup;

    SimulatorJob(MarketplaceLoader loader, StartupPipelines startup) {
        this.loader = loader;
        this.startup = startup;
    }

    @Job(name = "Simulate the marketplace: %1 suppliers, %2 months (seed %0)", labels = {"pipeline:simulator"}, retries = 2)
    public Map<String, Object> simulate(long seed, int suppliers, int months, JobContext context) {
        JobProgress progress = new JobProgress(context, "simulator");
        SimulationParameters p = loader.parameters(seed, suppliers, months);
        if (loader.loaded(p)) {
            progress.progress(100, "this simulation (seed " + seed + ", " + suppliers + " suppliers, " + months
                    + " months, ending " + p.endDate() + ") is loaded already: nothing to do");
            return Map.of("skipped", true);
        }
        Map<String, Object> result = loader.simulateAndLoad(p, progress);
        progress.progress(100, "marketplace loaded: " + result.get("totalRows") + " rows, "
                + String.format("%.0f", (Double) result.get("rowsPerSecond")) + " rows/s");
        startup.enqueueStartMissing("after-simulation:" + MarketplaceLoader.runId(p));
        return result;
    }
}
