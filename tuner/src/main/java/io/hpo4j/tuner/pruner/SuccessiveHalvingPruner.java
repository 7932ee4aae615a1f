package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Asynchronous successive halving, ASHA (Optuna's {@code SuccessiveHalvingPruner}): at each rung
 * a trial goes on only if its value is in the top {@code 1/reduction_factor} of the values that
 * the study's trials had when they reached that rung.
 *
 * <pre>{@code
 * // rungs at epochs 1, 3, 9, 27; about a third of the trials go on at each
 * Pruner pruner = Pruners.successiveHalving(SuccessiveHalvingSettings.defaults().withReductionFactor(3));
 * }</pre>
 *
 * <p>Rung {@code k} sits at step {@code min_resource * reduction_factor^(min_early_stopping_rate + k)}.
 * A trial's <em>value at a rung</em> is the value it reported at the first step at or past the
 * rung's step (so a trial that skips the rung's step is judged at its next report). It is read
 * from the trials' stored intermediate values, not kept by the pruner, so every worker and every
 * process sharing the storage sees the same rungs, and a resumed study goes on as before.
 *
 * <p>When the trial's largest reported step reaches a rung it had not reached at its previous
 * report, the trial is judged at that rung (and at every rung it jumped over) with its latest
 * value; each rung is judged once, so a promotion is never taken back. At a rung, with {@code n}
 * values (the trial's own and those of every other trial of the study, in any state, that
 * reached the rung; NaNs skipped):
 * <ul>
 *   <li>a NaN value prunes the trial;</li>
 *   <li>{@code n <= bootstrap_count} prunes it (not enough trials to compare with yet);</li>
 *   <li>it is promoted if its value is at least as good as the {@code max(1, n / reduction_factor)}-th
 *       best value at the rung, respecting the study's direction; ties promote. So the first
 *       trials to reach a rung go on only if they are the best so far there.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class SuccessiveHalvingPruner implements Pruner {

    private final SuccessiveHalvingSettings settings;

    SuccessiveHalvingPruner(SuccessiveHalvingSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public SuccessiveHalvingSettings settings() {
        return settings;
    }

    @Override
    public PruneDecision decide(StudyView study, FrozenTrial trial) {
        SortedMap<Integer, Double> values = trial.intermediateValues();
        if (values.isEmpty()) {
            return PruneDecision.keep();
        }
        int step = values.lastKey();
        double value = values.get(step);
        SortedMap<Integer, Double> earlier = values.headMap(step);
        long previousStep = earlier.isEmpty() ? -1 : earlier.lastKey();
        List<FrozenTrial> others = null;
        for (int rung = 0; ; rung++) {
            long rungStep = settings.rungStep(rung);
            if (rungStep > step) {
                return PruneDecision.keep();
            }
            if (rungStep <= previousStep) {
                continue; // reached at an earlier report, and judged then
            }
            String where = "rung " + rung + " (step " + rungStep + ")";
            if (Double.isNaN(value)) {
                return PruneDecision.prune("value NaN at step " + step + " reaching " + where
                        + ": a NaN is never promoted");
            }
            if (others == null) {
                others = study.trials().stream().filter(t -> t.number() != trial.number()).toList();
            }
            double[] competing = valuesAtRung(others, (int) rungStep, value);
            if (competing.length <= settings.bootstrapCount()) {
                return PruneDecision.prune("only " + competing.length + " trial" + (competing.length == 1 ? " has" : "s have")
                        + " reached " + where + ", this one included; bootstrap_count=" + settings.bootstrapCount()
                        + " requires more before any is promoted");
            }
            String refusal = promotionRefusal(study.direction(), value, step, competing, where);
            if (refusal != null) {
                return PruneDecision.prune(refusal);
            }
        }
    }

    /** Rungs 0, 1, 2, ... up to {@code maxStep}: the same for every trial. */
    @Override
    public List<Integer> rungs(String studyName, int trialNumber, int maxStep) {
        List<Integer> steps = new ArrayList<>();
        for (int rung = 0; settings.rungStep(rung) <= maxStep; rung++) {
            steps.add((int) settings.rungStep(rung));
        }
        return List.copyOf(steps);
    }

    /** The values of {@code others} at the rung at {@code rungStep} (NaNs skipped), and {@code own}. */
    private static double[] valuesAtRung(List<FrozenTrial> others, int rungStep, double own) {
        double[] out = new double[others.size() + 1];
        int n = 0;
        for (FrozenTrial t : others) {
            SortedMap<Integer, Double> reached = t.intermediateValues().tailMap(rungStep);
            if (!reached.isEmpty() && !reached.get(reached.firstKey()).isNaN()) {
                out[n++] = reached.get(reached.firstKey());
            }
        }
        out[n++] = own;
        return Arrays.copyOf(out, n);
    }

    /** Null if {@code value} is promoted among {@code competing} (which holds it), else why not. */
    private String promotionRefusal(Direction direction, double value, int step, double[] competing, String where) {
        int n = competing.length;
        int promoted = Math.max(1, n / settings.reductionFactor());
        double[] sorted = competing.clone();
        Arrays.sort(sorted);
        double needed = direction == Direction.MINIMIZE ? sorted[promoted - 1] : sorted[n - promoted];
        if (!direction.isBetter(needed, value)) {
            return null;
        }
        String[] shown = Numbers.formatPair(value, needed);
        String bar = (direction == Direction.MINIMIZE ? "<= " : ">= ") + shown[1];
        String rank = promoted == 1
                ? " is not the best of the " + n + " values at " + where
                : " is not among the best " + promoted + " of the " + n + " values at " + where + ", the top 1/"
                        + settings.reductionFactor();
        return "value " + shown[0] + " at step " + step + rank + "; promotion needed " + bar;
    }

    /**
     * {@code {type=successive_halving, min_resource, reduction_factor, min_early_stopping_rate,
     * bootstrap_count}}.
     */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", Pruners.SUCCESSIVE_HALVING_TYPE);
        d.putAll(SuccessiveHalvingSettings.CODEC.encode(settings));
        return Collections.unmodifiableMap(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SuccessiveHalvingPruner p && p.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "SuccessiveHalvingPruner" + describe();
    }
}
