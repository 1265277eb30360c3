package com.wedsync.ml.platform.api;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.platform.scoring.Scoring;

/** Forecasts of the whole marketplace. */
@RestController
@RequestMapping("/api/forecasts")
class ForecastController {

    private final Scoring scoring;

    ForecastController(Scoring scoring) {
        this.scoring = scoring;
    }

    /**
     * The MRR forecast of the production {@code mrr_forecast} model from the history as of today: per
     * month the baseline, optimistic and pessimistic scenarios, Monte Carlo percentile bands (p5, p10,
     * p50, p90, p95) and the streams; the key drivers and recommendations.
     *
     * @param horizon months ahead, 1 to 60
     */
    @GetMapping("/mrr")
    Map<String, Object> mrr(@RequestParam(defaultValue = "12") int horizon,
                            @RequestParam(defaultValue = "mrr-forecast") String model) {
        return scoring.forecast(model, horizon, false);
    }
}
