package io.hpo4j.trainers;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics.Metric;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * When to stop training because a metric stopped improving, as Keras' {@code EarlyStopping}: an
 * epoch <em>improves</em> if its value beats the best so far by more than {@code minDelta} in the
 * metric's direction (lower for losses, higher for accuracies); training stops once
 * {@code patience} epochs in a row did not improve. The first finite value always improves; NaN
 * never does.
 *
 * <pre>{@code
 * EarlyStopping rule = EarlyStopping.of(Metric.VALIDATION_LOSS, 3, 0.001);
 * EarlyStopping.State s = rule.begin(Metric.VALIDATION_ACCURACY);   // the trainer's objective, used if no monitor
 * for (double loss : new double[] {0.50, 0.40, 0.3995, 0.41, 0.42}) {
 *     s = s.next(loss);
 * }
 * s.shouldStop();  // true: epochs 3, 4, 5 did not improve on 0.40 by more than 0.001
 * s.reason();      // "validation_loss did not improve by 0.001 for 3 epochs (best 0.4 at epoch 2)"
 * }</pre>
 *
 * <p>Pure: {@link State} is an immutable value and {@link State#next(double)} returns a new one, so a
 * scripted curve can be fed to it in a test. Thread-safe.
 *
 * @param monitor  the metric to watch, or null for the trainer's objective metric
 * @param patience epochs without improvement before stopping; 0 disables early stopping
 * @param minDelta the smallest change that counts as an improvement, &ge; 0
 */
public record EarlyStopping(Metric monitor, int patience, double minDelta) {

    public EarlyStopping {
        if (patience < 0) {
            throw new IllegalArgumentException("early stopping patience must be >= 0 (0 to disable), but got " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("early stopping min_delta must be a finite number >= 0, but got " + minDelta);
        }
    }

    /** No early stopping: every configured epoch runs. */
    public static EarlyStopping disabled() {
        return new EarlyStopping(null, 0, 0);
    }

    /** Stop when {@code monitor} has not improved by more than {@code minDelta} for {@code patience} epochs. */
    public static EarlyStopping of(Metric monitor, int patience, double minDelta) {
        return new EarlyStopping(monitor, patience, minDelta);
    }

    /** Watch the trainer's objective metric. */
    public static EarlyStopping onObjective(int patience, double minDelta) {
        return new EarlyStopping(null, patience, minDelta);
    }

    public boolean enabled() {
        return patience > 0;
    }

    /** The metric watched when the objective is {@code objective}. */
    public Metric monitorFor(Metric objective) {
        return monitor != null ? monitor : objective;
    }

    /** The state before the first epoch, watching {@link #monitorFor(Metric) monitorFor(objective)}. */
    public State begin(Metric objective) {
        return new State(this, monitorFor(objective), 0, 0, Double.NaN, 0, false, "");
    }

    /**
     * Early stopping after some epochs.
     *
     * @param rule            the rule
     * @param metric          the watched metric
     * @param epochs          epochs seen so far
     * @param bestEpoch       the epoch of the best value (the last one that improved), 0 if none
     * @param bestValue       the best value, NaN if none
     * @param sinceBest       epochs seen since {@code bestEpoch} (all of them if none)
     * @param shouldStop      whether training should stop now
     * @param reason          why it should stop; empty otherwise
     */
    public record State(EarlyStopping rule, Metric metric, int epochs, int bestEpoch, double bestValue, int sinceBest,
                        boolean shouldStop, String reason) {

        /** The state after one more epoch whose watched metric is {@code value}. */
        public State next(double value) {
            int epoch = epochs + 1;
            boolean improved = improves(value);
            int newBestEpoch = improved ? epoch : bestEpoch;
            double newBest = improved ? value : bestValue;
            int newSince = improved ? 0 : sinceBest + 1;
            boolean stop = rule.enabled() && newSince >= rule.patience();
            String why = stop ? describe(newSince, newBestEpoch, newBest) : "";
            return new State(rule, metric, epoch, newBestEpoch, newBest, newSince, stop, why);
        }

        /** Whether {@code value} would improve on the best so far. */
        public boolean improves(double value) {
            if (Double.isNaN(value)) {
                return false;
            }
            if (bestEpoch == 0) {
                return true;
            }
            return metric.direction() == Direction.MINIMIZE ? value < bestValue - rule.minDelta()
                    : value > bestValue + rule.minDelta();
        }

        private String describe(int since, int best, double value) {
            String by = rule.minDelta() > 0 ? " by " + format(rule.minDelta()) : "";
            String count = since + (since == 1 ? " epoch" : " epochs");
            if (best == 0) {
                return metric.key() + " was not a number for " + count;
            }
            return metric.key() + " did not improve" + by + " for " + count + " (best " + format(value) + " at epoch " + best + ")";
        }
    }

    /** Four significant digits, no trailing zeros: 0.312, 0.001, 1.235E-7. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal d = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        return Math.abs(value) >= 1e-4 || value == 0 ? d.toPlainString() : d.toString();
    }
}
