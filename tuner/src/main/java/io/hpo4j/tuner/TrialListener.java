package io.hpo4j.tuner;

/**
 * Callbacks of {@link Study#optimize}: progress bars, logging, stopping rules. Called from the
 * worker threads, so implementations must be thread-safe. An exception thrown by a listener is
 * reported on the trial's worker and stops the optimization (it is a bug, not a trial failure).
 */
public interface TrialListener {

    /** A trial has started and has its number. */
    default void onTrialStarted(StudyView study, FrozenTrial trial) {
    }

    /** A trial has finished (COMPLETE, PRUNED or FAIL) and is stored. */
    default void onTrialFinished(StudyView study, FrozenTrial trial) {
    }
}
