package io.hpo4j.tuner;

/**
 * The life cycle of a trial: {@code WAITING} (enqueued, not started) → {@code RUNNING} → one of
 * the finished states {@code COMPLETE}, {@code PRUNED} or {@code FAIL}. A finished trial never
 * changes again.
 */
public enum TrialState {
    WAITING,
    RUNNING,
    COMPLETE,
    PRUNED,
    FAIL;

    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}
