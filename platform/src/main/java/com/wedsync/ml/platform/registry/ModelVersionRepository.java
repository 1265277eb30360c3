package com.wedsync.ml.platform.registry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ModelVersionRepository extends JpaRepository<ModelVersion, UUID> {

    List<ModelVersion> findByModelNameOrderByTrainedAtDesc(String modelName);

    List<ModelVersion> findAllByOrderByModelNameAscTrainedAtDesc();

    Optional<ModelVersion> findByModelNameAndVersion(String modelName, String version);

    Optional<ModelVersion> findByIdempotencyKey(String idempotencyKey);

    Optional<ModelVersion> findByModelNameAndStatus(String modelName, String status);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from ModelVersion m where m.id = :id")
    Optional<ModelVersion> lockById(UUID id);

    @Query(value = "SELECT COALESCE(MAX(CAST(version AS integer)), 0) + 1 FROM ml_models "
            + "WHERE model_name = :name AND version ~ '^[0-9]+$'", nativeQuery = true)
    int nextVersion(String name);
}
