package com.wedsync.ml.pipelines.registry;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of a model version: {@code training -> validating -> staged -> production -> retired}.
 * A version can be retired from any state before it (a failed training, failed gates, a refused or
 * replaced challenger); nothing leaves {@code retired}, and no state is skipped on the way up.
 */
public enum ModelState {
    TRAINING, VALIDATING, STAGED, PRODUCTION, RETIRED;

    /** The states this one may move to. The only place where transitions are decided. */
    public Set<ModelState> next() {
        return switch (this) {
            case TRAINING -> EnumSet.of(VALIDATING, RETIRED);
            case VALIDATING -> EnumSet.of(STAGED, RETIRED);
            case STAGED -> EnumSet.of(PRODUCTION, RETIRED);
            case PRODUCTION -> EnumSet.of(RETIRED);
            case RETIRED -> EnumSet.noneOf(ModelState.class);
        };
    }

    public boolean canMoveTo(ModelState to) {
        return next().contains(to);
    }

    /** @throws IllegalTransitionException if the move is not allowed */
    public void checkMoveTo(ModelState to) {
        if (!canMoveTo(to)) {
            throw new IllegalTransitionException(this, to);
        }
    }

    /** The name stored in {@code ml_models.status}. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code ml_models.status} or an API value, case-insensitively. */
    public static ModelState parse(String s) {
        if (s != null) {
            for (ModelState state : values()) {
                if (state.name().equalsIgnoreCase(s.trim())) {
                    return state;
                }
            }
        }
        throw new IllegalArgumentException("unknown model state '" + s
                + "'; states are training, validating, staged, production, retired");
    }
}
