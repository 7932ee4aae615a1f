package io.hpo4j.trainers;

/**
 * Thrown by {@link MlpTrainer} when a loss becomes NaN or infinite. The study records the trial
 * as FAIL with this message as its reason, e.g.
 * {@code training loss became NaN at epoch 2 (minibatch 17 of 63)}.
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;

    public TrainingDivergedException(String message, int epoch) {
        super(message);
        this.epoch = epoch;
    }

    /** The epoch (from 1) in which the loss stopped being finite. */
    public int epoch() {
        return epoch;
    }
}
