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
    private final com.wedsync.ml.platform.growth.MarketSizes marketSizes;

    ForecastController(Scoring scoring, com.wedsync.ml.platform.growth.MarketSizes marketSizes) {
        this.scoring = scoring;
        this.marketSizes = marketSizes;
    }

    /**
     * The MRR forecast of the production {@code mrr_forecast} model from the history as of today: per
     * month the baseline, optimistic and pessimistic scenarios, Monte Carlo percentile bands (p5, p10,
     * p50, p90, p95) and the streams; the key drivers and recommendations.
     *
     * @param horizon months ahead, 1 to 60
     */
    /**
     * The demand forecast of the production {@code demand} model (spec section 4): enquiries per vendor type and
     * region with intervals, growth, saturation (from the recorded market size, or said to be missing),
     * opportunities, threats and recommendations. Without a vendor type: every vendor type over all regions.
     *
     * @param region  a region of the vendor type, or absent for all regions
     * @param horizon months ahead, 1 to 12
     */
    @GetMapping("/demand")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", content = @io.swagger.v3.oas.annotations.media.Content(
            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = com.wedsync.ml.pipelines.growth.DemandForecast.class)))
    Map<String, Object> demand(@RequestParam(required = false) String vendorType, @RequestParam(required = false) String region,
                               @RequestParam(defaultValue = "12") String horizon, @RequestParam(defaultValue = "demand") String model) {
        int h;
        try {
            h = Integer.parseInt(horizon.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("horizon", "horizon must be a whole number of months from 1 to 12, got '" + horizon + "'");
        }
        Map<String, String> options = new java.util.LinkedHashMap<>();
        if (vendorType != null && !vendorType.isBlank()) {
            options.put("vendorType", vendorType.trim());
            String r = region == null || region.isBlank() ? "all" : region.trim();
            options.put("region", r);
            marketSizes.businesses(vendorType.trim(), r, marketSizes.regionsOf(vendorType.trim())).ifPresent(b -> options.put("marketSize", Integer.toString(b)));
        } else if (region != null && !region.isBlank()) {
            throw new BadRequestException("vendorType", "a region needs a vendorType");
        }
        return scoring.forecast(model, h, options, false);
    }

    @GetMapping("/mrr")
    Map<String, Object> mrr(@RequestParam(defaultValue = "12") int horizon,
                            @RequestParam(defaultValue = "mrr-forecast") String model) {
        return scoring.forecast(model, horizon, false);
    }
}
