package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prunes a trial whose best value so far is worse than the median of the values that completed
 * trials reported at the same step: the median stopping rule (Optuna's {@code MedianPruner}).
 *
 * <pre>{@code
 * Study study = Study.builder("mlp").direction(Direction.MAXIMIZE)
 *     .pruner(Pruners.median(MedianSettings.defaults().withWarmupSteps(2)))
 *     .build();
 * }</pre>
 *
 * <p>It is a {@link PercentilePruner} at 50, by composition: the same rules for judged steps, NaN
 * and parallel trials apply. Immutable and thread-safe.
 */
public final class MedianPruner implements Pruner {

    private final PercentilePruner percentile;

    MedianPruner(MedianSettings settings) {
        this.percentile = new PercentilePruner(50, settings);
    }

    public MedianSettings settings() {
        return percentile.settings();
    }

    @Override
    public PruneDecision decide(StudyView study, FrozenTrial trial) {
        return percentile.decide(study, trial);
    }

    /** {@code {type=median, n_startup_trials, n_warmup_steps, interval_steps, n_min_trials}}. */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", Pruners.MEDIAN_TYPE);
        PercentilePruner.putSettings(d, settings());
        return Collections.unmodifiableMap(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MedianPruner m && m.settings().equals(settings());
    }

    @Override
    public int hashCode() {
        return settings().hashCode();
    }

    @Override
    public String toString() {
        return "MedianPruner" + describe();
    }
}
