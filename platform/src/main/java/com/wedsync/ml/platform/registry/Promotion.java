package com.wedsync.ml.platform.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.wedsync.ml.pipelines.registry.ModelState;

/**
 * The one way a version reaches production: a pipeline's gated auto promotion, an experiment's winner
 * and a person's transition all come here.
 *
 * <p>Under a transaction-scoped advisory lock on the model's name, the champion is read again at the
 * moment of promotion: if it is not the one the challenger was judged against (another run, experiment
 * or person promoted a version meanwhile), the challenger is judged again against the new champion by
 * the caller's {@link Recheck}, or refused with that reason when there is none. Then the registry's
 * transition retires the champion and records both changes, in the same transaction; the batch scoring
 * and the MLflow aliases follow from the {@link ModelStateChanged} events after commit.
 */
@Service
public class Promotion {

    private final ModelRegistry registry;
    private final JdbcClient jdbc;

    Promotion(ModelRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
    }

    /** Judges a challenger against a champion it was not judged against: empty if it still deserves production. */
    @FunctionalInterface
    public interface Recheck {
        Optional<String> refusal(ModelVersion challenger, ModelVersion champion);
    }

    /**
     * @param version          the challenger
     * @param judgedAgainst    the champion it was validated against or won against; null: there was none
     * @param overrideChampion a person's explicit decision: promote whichever version is champion now
     * @param recheck          how to judge it again if the champion has changed; null: refuse then
     */
    public record Request(UUID version, String actor, String reason, UUID judgedAgainst, boolean overrideChampion,
                          Recheck recheck) {
        public Request {
            Objects.requireNonNull(version, "version");
        }

        /** A person moving a version to production by hand: no comparison, the person decides. */
        public static Request byPerson(UUID version, String actor, String reason) {
            return new Request(version, actor, reason, null, true, null);
        }
    }

    /** The outcome: promoted, or refused with the reason (the version is then left as it was). */
    public record Result(ModelVersion version, boolean promoted, String refusal) {
    }

    @Transactional
    public Result promote(Request r) {
        ModelVersion v = registry.find(r.version()).orElseThrow(() -> new ModelNotFoundException("no model version " + r.version()));
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:k))").param("k", "promotion:" + v.getModelName()).query().singleRow();
        Optional<ModelVersion> champion = registry.production(v.getModelName());
        UUID now = champion.map(ModelVersion::getId).orElse(null);
        String reason = r.reason();
        boolean itself = v.getId().equals(now); // the transition refuses production -> production
        if (!itself && !r.overrideChampion() && !Objects.equals(now, r.judgedAgainst())) {
            String changed = "the champion changed since version " + v.getVersion() + " was judged (against "
                    + (r.judgedAgainst() == null ? "no champion" : "version " + versionOf(r.judgedAgainst())) + "; now "
                    + (champion.isEmpty() ? "none" : "version " + champion.get().getVersion()) + ")";
            if (champion.isPresent() && r.recheck() != null) {
                Optional<String> refusal = r.recheck().refusal(v, champion.get());
                if (refusal.isPresent()) {
                    return new Result(v, false, changed + ": " + refusal.get());
                }
                reason = reason + "; " + changed + ", and it beats version " + champion.get().getVersion() + " too";
            } else if (champion.isPresent()) {
                return new Result(v, false, changed);
            }
        }
        return new Result(registry.transition(v.getId(), ModelState.PRODUCTION, r.actor(), reason), true, null);
    }

    private String versionOf(UUID id) {
        return registry.find(id).map(ModelVersion::getVersion).orElse(id.toString());
    }
}
