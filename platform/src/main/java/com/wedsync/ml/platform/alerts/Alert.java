package com.wedsync.ml.platform.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An alert as stored and served: the spec's fields (type, severity, description, metrics, action), and when and by
 * whom it was acknowledged.
 */
public record Alert(UUID id, AlertType type, Severity severity, String modelName, UUID modelId, String description,
                    Map<String, Object> metrics, String action, Instant createdAt, Instant resolvedAt, Instant acknowledgedAt,
                    String acknowledgedBy) {
}
