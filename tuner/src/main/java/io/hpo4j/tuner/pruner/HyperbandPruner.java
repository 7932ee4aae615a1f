package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.SearchSpace;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Hyperband (Optuna's {@code HyperbandPruner}): several brackets of asynchronous successive
 * halving, from aggressive (first rung at {@code min_resource}) to patient (first rung near
 * {@code max_resource}), so that a study does not bet everything on early learning curves.
 *
 * <pre>{@code
 * // 20 epochs per trial: brackets with first rungs at epochs 1, 3 and 9
 * Pruner pruner = Pruners.hyperband(1, 20);
 * }</pre>
 *
 * <p><b>Brackets.</b> Bracket {@code b} (0 to {@link #bracketCount()} - 1) is a
 * {@link SuccessiveHalvingPruner} with {@code min_early_stopping_rate = b}. A trial's bracket is
 * a function of the study's name and the trial's number only, so every worker and process agrees:
 * the CRC-32 of {@code "<study name>_<trial number>"} (UTF-8) modulo the total budget picks a
 * bracket with probability proportional to its budget {@code ceil(B * eta^s / (s + 1))}, where
 * {@code B} is the number of brackets, {@code eta} the reduction factor and {@code s = B - 1 - b}
 * (aggressive brackets start more trials). This is Optuna's assignment, so a study of the same
 * name puts the same trial numbers in the same brackets.
 *
 * <p><b>Comparison.</b> A trial is compared only with the trials of its own bracket: the bracket's
 * pruner sees the study through a view that filters its trials by bracket. The sampler and the
 * study are unaware of brackets. NaN and parallel trials are handled as in
 * {@link SuccessiveHalvingPruner}. Immutable and thread-safe.
 */
public final class HyperbandPruner implements Pruner {

    private final HyperbandSettings settings;
    private final List<SuccessiveHalvingPruner> brackets;
    private final long[] budgets;
    private final long totalBudget;

    HyperbandPruner(HyperbandSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        int n = settings.brackets();
        SuccessiveHalvingPruner[] pruners = new SuccessiveHalvingPruner[n];
        this.budgets = new long[n];
        long total = 0;
        for (int b = 0; b < n; b++) {
            pruners[b] = new SuccessiveHalvingPruner(new SuccessiveHalvingSettings(settings.minResource(),
                    settings.reductionFactor(), b, settings.bootstrapCount()));
            int s = n - 1 - b;
            long weighted = n * pow(settings.reductionFactor(), s);
            budgets[b] = (weighted + s) / (s + 1); // ceil(weighted / (s + 1))
            total += budgets[b];
        }
        this.brackets = List.of(pruners);
        this.totalBudget = total;
    }

    private static long pow(int base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }

    public HyperbandSettings settings() {
        return settings;
    }

    /** How many brackets this pruner runs. */
    public int bracketCount() {
        return brackets.size();
    }

    /** The share of trials bracket {@code bracket} gets, relative to {@link #totalBudget()}. */
    public long bracketBudget(int bracket) {
        Objects.checkIndex(bracket, budgets.length);
        return budgets[bracket];
    }

    /** The sum of the brackets' budgets. */
    public long totalBudget() {
        return totalBudget;
    }

    /** The successive halving pruner of bracket {@code bracket}. */
    public SuccessiveHalvingPruner bracket(int bracket) {
        return brackets.get(bracket);
    }

    /** The bracket of trial {@code trialNumber} of the study named {@code studyName}, from 0. */
    public int bracketOf(String studyName, int trialNumber) {
        CRC32 crc = new CRC32();
        crc.update((studyName + "_" + trialNumber).getBytes(StandardCharsets.UTF_8));
        long n = crc.getValue() % totalBudget;
        for (int b = 0; b < budgets.length; b++) {
            n -= budgets[b];
            if (n < 0) {
                return b;
            }
        }
        throw new AssertionError("the budgets add up to " + totalBudget + ", so some bracket takes every hash");
    }

    /** The rungs of the trial's bracket. */
    @Override
    public List<Integer> rungs(String studyName, int trialNumber, int maxStep) {
        return brackets.get(bracketOf(studyName, trialNumber)).rungs(studyName, trialNumber, maxStep);
    }

    @Override
    public PruneDecision decide(StudyView study, FrozenTrial trial) {
        int b = bracketOf(study.name(), trial.number());
        PruneDecision decision = brackets.get(b).decide(new BracketView(study, b), trial);
        if (!decision.prune()) {
            return decision;
        }
        return PruneDecision.prune("hyperband bracket " + b + " of " + bracketCount() + ": " + decision.reason());
    }

    /** {@code {type=hyperband, min_resource, max_resource, reduction_factor, bootstrap_count}}. */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", Pruners.HYPERBAND_TYPE);
        d.putAll(HyperbandSettings.CODEC.encode(settings));
        return Collections.unmodifiableMap(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HyperbandPruner p && p.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "HyperbandPruner" + describe();
    }

    /** The study as one bracket sees it: only the trials of that bracket. */
    private final class BracketView implements StudyView {
        private final StudyView study;
        private final int bracket;

        BracketView(StudyView study, int bracket) {
            this.study = study;
            this.bracket = bracket;
        }

        @Override
        public String name() {
            return study.name();
        }

        @Override
        public Direction direction() {
            return study.direction();
        }

        @Override
        public SearchSpace searchSpace() {
            return study.searchSpace();
        }

        @Override
        public List<FrozenTrial> trials(Set<TrialState> states) {
            return study.trials(states).stream().filter(t -> bracketOf(study.name(), t.number()) == bracket).toList();
        }

        @Override
        public String toString() {
            return "bracket " + bracket + " of " + study;
        }
    }
}
