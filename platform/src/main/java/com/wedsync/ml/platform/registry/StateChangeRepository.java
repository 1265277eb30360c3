package com.wedsync.ml.platform.registry;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface StateChangeRepository extends JpaRepository<StateChange, Long> {

    List<StateChange> findByModelIdOrderByIdAsc(UUID modelId);
}
