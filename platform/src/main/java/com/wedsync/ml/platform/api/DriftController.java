package com.wedsync.ml.platform.api;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.platform.json.Json;

/** Drift reports, newest first, with every feature's statistic, p-values, PSI and window sizes. */
@RestController
@RequestMapping("/api/drift/reports")
class DriftController {

    private final JdbcClient jdbc;

    DriftController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    List<Map<String, Object>> reports(@RequestParam(required = false) String model,
                                      @RequestParam(defaultValue = "20") int limit) {
        return jdbc.sql("""
                SELECT json_build_object('id', r.id, 'model', r.model_name, 'modelId', r.model_id, 'evaluatedAt', r.evaluated_at,
                  'current', json_build_object('from', r.current_from, 'to', r.current_to),
                  'reference', json_build_object('from', r.reference_from, 'to', r.reference_to, 'kind', r.reference_kind),
                  'verdict', r.verdict, 'severity', r.severity, 'severityLabel', r.severity_label,
                  'affectedFeatures', r.affected_features, 'reasons', r.reasons, 'episode', r.episode_id, 'policy', r.policy,
                  'features', (SELECT COALESCE(json_agg(json_build_object('feature', f.feature, 'kind', f.kind,
                      'ksStatistic', f.ks_statistic, 'pValue', f.p_value, 'pValueAdjusted', f.p_value_adjusted, 'psi', f.psi,
                      'referenceSize', f.reference_size, 'currentSize', f.current_size, 'drifted', f.drifted, 'note', f.note)
                      ORDER BY f.drifted DESC NULLS LAST, f.psi DESC NULLS LAST), '[]'::json)
                    FROM ml_drift_feature_results f WHERE f.report_id = r.id))::text
                FROM ml_drift_reports r WHERE (CAST(:model AS text) IS NULL OR r.model_name = :model)
                ORDER BY r.evaluated_at DESC LIMIT :limit
                """).param("model", model).param("limit", BadRequestException.inRange("limit", limit, 1, 200))
                .query(String.class).list().stream().map(Json::readMap).toList();
    }
}
