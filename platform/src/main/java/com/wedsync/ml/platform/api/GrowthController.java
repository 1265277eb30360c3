package com.wedsync.ml.platform.api;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.pipelines.growth.ViralModelKind;
import com.wedsync.ml.pipelines.growth.ViralPrediction;
import com.wedsync.ml.platform.growth.NetworkEffectsQuery;
import com.wedsync.ml.platform.scoring.Scoring;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Growth intelligence (spec section 3): the viral coefficient and the network effects. Readable by viewers. */
@RestController
@RequestMapping("/api/growth")
class GrowthController {

    private final Scoring scoring;
    private final NetworkEffectsQuery network;

    GrowthController(Scoring scoring, NetworkEffectsQuery network) {
        this.scoring = scoring;
        this.network = network;
    }

    /**
     * The viral prediction of the production {@code viral-k} model from the monthly history as of today:
     * current and predicted k, the s2c/c2s breakdown, growth multiplier, viral score, optimisation
     * opportunities and the spec's thresholds.
     *
     * @param timeframe days ahead, 1 to 365 (default 30)
     */
    @GetMapping("/viral")
    @Operation(summary = "Viral coefficient: current and predicted k, both sides of the loop")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ViralPrediction.class)))
    Map<String, Object> viral(@RequestParam(defaultValue = "30") String timeframe,
                              @RequestParam(defaultValue = "viral-k") String model) {
        int days;
        try {
            days = Integer.parseInt(timeframe.trim());
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > ViralModelKind.MAX_TIMEFRAME_DAYS) {
            throw new BadRequestException("timeframe", "timeframe must be a whole number of days from 1 to "
                    + ViralModelKind.MAX_TIMEFRAME_DAYS + ", got '" + timeframe + "'");
        }
        return scoring.forecast(model, (int) Math.ceil(days / 30.0), Map.of("timeframe", Integer.toString(days)), false);
    }

    /** The network effects of the whole marketplace as of today (spec section 3, calculateNetworkEffects). */
    @GetMapping("/network")
    @Operation(summary = "Network effects: density, growth, engagement, quality, Metcalfe and Reed values")
    NetworkEffectsQuery.NetworkEffectsAnswer network() {
        return network.today();
    }
}
