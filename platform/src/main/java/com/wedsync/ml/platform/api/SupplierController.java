package com.wedsync.ml.platform.api;

import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.platform.scoring.Scoring;

/** Per-supplier predictions in real time. */
@RestController
@RequestMapping("/api/suppliers")
class SupplierController {

    private final Scoring scoring;

    SupplierController(Scoring scoring) {
        this.scoring = scoring;
    }

    /**
     * The supplier's churn prediction from the production churn model: probability, estimated churn
     * date, confidence, risk level, revenue at risk, interventions and the factors behind the score.
     */
    @GetMapping("/{id}/churn")
    Map<String, Object> churn(@PathVariable UUID id, @RequestParam(defaultValue = "churn") String model) {
        return scoring.scoreOne(model, id);
    }

    /**
     * The supplier's value from the production LTV model: the value over the model's horizon (learned),
     * the spec's cohort estimate beside it, an interval at the requested confidence level, lifetime
     * value, time to value, expansion potential, retention curve, key drivers and optimisations.
     */
    @GetMapping("/{id}/ltv")
    Map<String, Object> ltv(@PathVariable UUID id, @RequestParam(defaultValue = "0.95") double confidence,
                            @RequestParam(defaultValue = "ltv") String model) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new BadRequestException("confidence", "confidence must be between 0 and 1 (exclusive), e.g. 0.95; got " + confidence);
        }
        return scoring.scoreOne(model, id, Map.of("confidence", confidence));
    }
}
