package io.hpo4j.tuner;

/**
 * Thrown by {@link Study#optimize} when the objective threw a checked exception that the
 * {@linkplain OptimizeOptions#withCatch catch list} does not name: the trial is stored as FAIL
 * and the study stops, as in Optuna. The objective's exception is the {@linkplain #getCause()
 * cause}. (Unchecked exceptions and errors are rethrown as they are.)
 */
public final class ObjectiveFailedException extends RuntimeException {

    private final int trialNumber;

    ObjectiveFailedException(String study, int trialNumber, Throwable cause) {
        super("study '" + study + "', trial " + trialNumber + ": the objective failed with "
                + Throwables.describe(cause), cause);
        this.trialNumber = trialNumber;
    }

    /** The number of the trial whose objective failed. */
    public int trialNumber() {
        return trialNumber;
    }
}
