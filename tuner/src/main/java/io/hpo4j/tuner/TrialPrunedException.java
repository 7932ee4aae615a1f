package io.hpo4j.tuner;

/**
 * Thrown by an objective to stop its trial early because a pruner (or the objective itself)
 * judged it hopeless. The trial is stored as PRUNED with its last reported value.
 */
public class TrialPrunedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrialPrunedException(String reason) {
        super(reason);
    }
}
