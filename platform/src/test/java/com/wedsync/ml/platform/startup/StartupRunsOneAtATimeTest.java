package com.wedsync.ml.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;

/**
 * The default run's start-up runs go one at a time, the quickest first: the first built-in's run starts alone,
 * calling the start again (a restart, a retry) starts nothing more, and when it ends the next built-in's starts by
 * itself. Its own context (closed after it), so that the chain it starts does not run on beside other tests.
 */
@SpringBootTest
@DirtiesContext
class StartupRunsOneAtATimeTest extends PostgresIntegrationTest {

    @Autowired
    MarketplaceLoader loader;
    @Autowired
    StartupPipelines startup;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theFirstBuiltInRunsAloneAndTheNextStartsWhenItEnds() throws Exception {
        loader.simulateAndLoad(SimulationParameters.of(5, 400, 24, today()), ProgressListener.NONE);
        startup.startMissing();
        startup.startMissing();
        List<Map<String, Object>> runs = startupRuns();
        assertThat(runs).as("one start-up run, whatever the number of calls").hasSize(1);
        assertThat(runs.get(0).get("pipeline_name")).isEqualTo(StartupPipelines.ORDER.get(0));

        // until the second one has started: never two start-up runs at once
        for (long deadline = System.currentTimeMillis() + 240_000; startupRuns().size() < 2; Thread.sleep(250)) {
            assertThat(jdbc.sql("SELECT count(*) FROM pipeline_runs WHERE trigger = 'startup' AND status = 'running'")
                    .query(Long.class).single()).as("start-up runs in progress at once").isLessThanOrEqualTo(1);
            assertThat(System.currentTimeMillis()).as("the second start-up run starts once the first has ended").isLessThan(deadline);
        }
        runs = startupRuns();
        assertThat(runs.get(0).get("status")).as(runs.get(0).get("pipeline_name") + " ended before the next began")
                .isIn("succeeded", "failed");
        assertThat(runs.get(1).get("pipeline_name")).isEqualTo(StartupPipelines.ORDER.get(1));
        assertThat(jdbc.sql("SELECT count(*) FROM pipeline_runs WHERE trigger = 'startup' AND status = 'running'")
                .query(Long.class).single()).isLessThanOrEqualTo(1);
    }

    List<Map<String, Object>> startupRuns() {
        return jdbc.sql("SELECT pipeline_name, status FROM pipeline_runs WHERE trigger = 'startup' ORDER BY started_at, pipeline_name")
                .query().listOfRows();
    }
}
