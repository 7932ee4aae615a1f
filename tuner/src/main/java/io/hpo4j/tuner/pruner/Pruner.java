package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a running trial should stop because other trials of its study did better at
 * the same step.
 *
 * <p>The objective reports an intermediate value after each step (an epoch, say), then asks:
 * <pre>{@code
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     double loss = trainOneEpoch();
 *     trial.report(epoch, loss);
 *     if (trial.shouldPrune()) {      // calls decide(study view, fresh snapshot of the trial)
 *         throw trial.pruned();       // the trial is stored as PRUNED with the decision's reason
 *     }
 * }
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@code trial} is a fresh snapshot holding every value the trial reported so far; its
 *       <em>current step</em> is its largest reported step ({@link FrozenTrial#lastStep()}).
 *       Steps are a set: a late report of an earlier step does not move the trial back.</li>
 *   <li>Decisions are a function of what the storage holds: the trial's snapshot and the study's
 *       trials read through {@code study}. A pruner keeps no state of its own, so several
 *       workers, and several processes sharing a study's storage, reach the same decision on the
 *       same data, and a resumed study goes on as before.</li>
 *   <li>Decisions respect {@link StudyView#direction()}.</li>
 *   <li>A prune decision carries a reason a person can read, naming the value, the step and what
 *       it was compared with.</li>
 *   <li>Implementations are immutable and thread-safe; their settings are validated when they are
 *       built, so an invalid pruner never reaches a running study.</li>
 * </ul>
 *
 * <p>Built-in pruners come from {@link Pruners}.
 */
@FunctionalInterface
public interface Pruner {

    /** The system attribute under which every trial records its pruner's {@link #describe()}. */
    String SYSTEM_ATTR = "pruner";

    /**
     * Whether {@code trial} should stop now.
     *
     * @param study a read-only view of the trial's study; never null
     * @param trial a snapshot of the running trial, taken after its latest report; never null
     * @return {@link PruneDecision#keep()} or {@link PruneDecision#prune(String)} with the reason
     */
    PruneDecision decide(StudyView study, FrozenTrial trial);

    /**
     * The pruner's type and settings, as JSON-compatible values: {@code "type"} plus one entry per
     * setting under the names {@link Pruners#fromSettings} reads. Recorded with every trial
     * (provenance) and written to study files. By default, just the class name (the full name for
     * an anonymous class).
     */
    /**
     * The steps at which this pruner judges trial {@code trialNumber} of the study named
     * {@code studyName}, in increasing order, up to {@code maxStep}: the rungs of successive
     * halving (of the trial's bracket, for Hyperband), so that a chart can mark them. Empty for a
     * pruner that may stop a trial at any step (median, percentile) or never does. By default,
     * empty.
     */
    default List<Integer> rungs(String studyName, int trialNumber, int maxStep) {
        return List.of();
    }

    default Map<String, Object> describe() {
        String name = getClass().getSimpleName();
        return Map.of("type", name.isEmpty() ? getClass().getName() : name);
    }
}
