package com.wedsync.ml.platform.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import com.wedsync.ml.pipelines.simulator.SimulationParameters;
import com.wedsync.ml.pipelines.spi.ProgressListener;
import com.wedsync.ml.platform.json.Json;
import com.wedsync.ml.platform.simulator.MarketplaceLoader;
import com.wedsync.ml.platform.support.AwaitRun;
import com.wedsync.ml.platform.support.PostgresIntegrationTest;
import com.wedsync.ml.platform.support.TestDates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The MRR forecast's backtest depends on where the season falls in its training and backtest windows:
 * {@link RevenuePipelinesTest} runs at the base date (the end of the low season), this class at the
 * contrasting date six months later (the end of the peak), with the same marketplace and the same
 * assertions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MrrForecastAtTheOtherSeasonTest {

    @DynamicPropertySource
    static void atTheContrastingDate(DynamicPropertyRegistry registry) {
        PostgresIntegrationTest.register(registry, TestDates.contrasting());
    }

    @Autowired
    Clock clock;

    @Autowired
    MarketplaceLoader loader;
    @Autowired
    PipelineStarter steps;
    @Autowired
    JdbcClient jdbc;

    @Test
    @SuppressWarnings("unchecked")
    void theMrrForecastMeetsTheSpecAtTheEndOfTheOtherSeasonToo() throws Exception {
        LocalDate today = LocalDate.now(clock);
        assertThat(today).as("the platform clock runs at the contrasting date").isEqualTo(TestDates.contrasting());
        loader.simulateAndLoad(SimulationParameters.of(41, 2500, 36, today), ProgressListener.NONE);
        UUID run = steps.start("mrr-forecast", "test", Map.of()).runId();
        AwaitRun.succeeded(jdbc, run, Duration.ofMinutes(5));
        String metrics = jdbc.sql("SELECT test_metrics::text FROM ml_models WHERE model_name = 'mrr-forecast' AND version = '1'")
                .query(String.class).single();
        RevenuePipelinesTest.assertTheBacktestMeetsTheSpec(Json.readMap(metrics));
    }
}
