package com.wedsync.ml.platform.api;

import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
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
    Map<String, Object> churn(@PathVariable UUID id) {
        return scoring.scoreOne("churn", id);
    }
}
