package com.wedsync.ml.platform.registry;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of the append-only {@code ml_model_state_history}: from, to, when, who or what, why. */
@Entity
@Table(name = "ml_model_state_history")
public class StateChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "model_id", nullable = false)
    private UUID modelId;
    @Column(name = "from_status")
    private String fromStatus;
    @Column(name = "to_status", nullable = false)
    private String toStatus;
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;
    @Column(nullable = false)
    private String actor;
    @Column(nullable = false)
    private String reason;

    protected StateChange() {
    }

    StateChange(UUID modelId, String fromStatus, String toStatus, Instant changedAt, String actor, String reason) {
        this.modelId = modelId;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.changedAt = changedAt;
        this.actor = actor;
        this.reason = reason;
    }

    public Long getId() { return id; }
    public UUID getModelId() { return modelId; }
    public String getFromStatus() { return fromStatus; }
    public String getToStatus() { return toStatus; }
    public Instant getChangedAt() { return changedAt; }
    public String getActor() { return actor; }
    public String getReason() { return reason; }
}
