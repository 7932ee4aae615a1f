package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.TrialState;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Prunes a trial whose best value so far is outside the best {@code percentile} percent of the
 * values that completed trials reported at the same step (Optuna's {@code PercentilePruner}).
 *
 * <pre>{@code
 * // keep only trials in the best quarter at each epoch, judged from epoch 3, after 10 trials
 * Pruner pruner = Pruners.percentile(25, MedianSettings.defaults().withStartupTrials(10).withWarmupSteps(3));
 * }</pre>
 *
 * <p>At a judged step {@code s} (see {@link MedianSettings} for which steps are judged):
 * <ol>
 *   <li>a NaN reported at {@code s} prunes the trial: a diverged metric does not recover;</li>
 *   <li>otherwise the trial's best value over its steps so far (NaNs skipped) is compared with the
 *       threshold: the {@code percentile}-th percentile of the values that COMPLETE trials
 *       reported at step {@code s} when minimizing, the {@code (100 - percentile)}-th when
 *       maximizing (linear interpolation, NaNs skipped). The trial is pruned if it is strictly
 *       worse; a tie keeps it. Fewer than {@code n_min_trials} such values keep it.</li>
 * </ol>
 * Only COMPLETE trials are compared with, so trials running at the same time (in this process or
 * another one sharing the storage) neither count as startup trials nor move the threshold until
 * they complete. The pruner reads everything from the study view and is immutable and thread-safe.
 */
public final class PercentilePruner implements Pruner {

    private final double percentile;
    private final MedianSettings settings;

    /**
     * @throws IllegalArgumentException if {@code percentile} is outside [0, 100]
     */
    PercentilePruner(double percentile, MedianSettings settings) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], but got " + percentile);
        }
        this.percentile = percentile;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The share of trials kept at each judged step, in percent. */
    public double percentile() {
        return percentile;
    }

    public MedianSettings settings() {
        return settings;
    }

    @Override
    public PruneDecision decide(StudyView study, FrozenTrial trial) {
        SortedMap<Integer, Double> values = trial.intermediateValues();
        if (values.isEmpty()) {
            return PruneDecision.keep();
        }
        int step = values.lastKey();
        if (step < settings.warmupSteps() || !judgedAt(step, values)) {
            return PruneDecision.keep();
        }
        List<FrozenTrial> completed = study.trials(EnumSet.of(TrialState.COMPLETE));
        if (completed.isEmpty() || completed.size() < settings.startupTrials()) {
            return PruneDecision.keep();
        }
        double current = values.get(step);
        if (Double.isNaN(current)) {
            return PruneDecision.prune("value NaN at step " + step + ": a NaN is never kept");
        }
        double[] others = completed.stream()
                .map(t -> t.intermediateValues().get(step))
                .filter(v -> v != null && !v.isNaN())
                .mapToDouble(Double::doubleValue)
                .toArray();
        if (others.length < settings.minTrials()) {
            return PruneDecision.keep();
        }
        Direction direction = study.direction();
        double threshold = Numbers.percentile(others, direction == Direction.MAXIMIZE ? 100 - percentile : percentile);
        if (Double.isNaN(threshold)) {
            return PruneDecision.keep();
        }
        Map.Entry<Integer, Double> best = best(values, direction);
        if (!direction.isBetter(threshold, best.getValue())) {
            return PruneDecision.keep();
        }
        return PruneDecision.prune(reason(step, best, threshold, others.length));
    }

    /**
     * Whether the trial is judged at {@code step}, its largest: no earlier report falls on or after
     * the latest judging step at or before {@code step} (Optuna's "first in interval" rule).
     */
    private boolean judgedAt(int step, SortedMap<Integer, Double> values) {
        int warmup = settings.warmupSteps();
        int interval = settings.intervalSteps();
        long latestJudgingStep = (long) (step - warmup) / interval * interval + warmup;
        SortedMap<Integer, Double> earlier = values.headMap(step);
        return earlier.isEmpty() || earlier.lastKey() < latestJudgingStep;
    }

    /** The best value over the steps so far, NaNs skipped, with its step; the latest of equals. */
    private static Map.Entry<Integer, Double> best(SortedMap<Integer, Double> values, Direction direction) {
        Map.Entry<Integer, Double> best = null;
        for (Map.Entry<Integer, Double> e : values.entrySet()) {
            if (!e.getValue().isNaN() && (best == null || !direction.isBetter(best.getValue(), e.getValue()))) {
                best = e;
            }
        }
        return best;
    }

    private String reason(int step, Map.Entry<Integer, Double> best, double threshold, int n) {
        String[] shown = Numbers.formatPair(best.getValue(), threshold);
        String value = best.getKey() == step
                ? "value " + shown[0] + " at step " + step
                : "best value so far " + shown[0] + " (at step " + best.getKey() + ")";
        String trials = n + " completed trial" + (n == 1 ? "" : "s") + " at step " + step;
        if (percentile == 50) {
            return value + " is worse than the median " + shown[1] + " of " + trials;
        }
        return value + " is worse than " + shown[1] + ", the threshold of the best "
                + Numbers.formatPercent(percentile) + "% of " + trials;
    }

    /**
     * {@code {type=percentile, percentile, n_startup_trials, n_warmup_steps, interval_steps,
     * n_min_trials}}.
     */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", Pruners.PERCENTILE_TYPE);
        d.put(Pruners.PERCENTILE, percentile);
        putSettings(d, settings);
        return Collections.unmodifiableMap(d);
    }

    static void putSettings(Map<String, Object> d, MedianSettings s) {
        d.putAll(MedianSettings.CODEC.encode(s));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PercentilePruner p && Double.compare(p.percentile, percentile) == 0
                && p.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(percentile, settings);
    }

    @Override
    public String toString() {
        return "PercentilePruner" + describe();
    }
}
