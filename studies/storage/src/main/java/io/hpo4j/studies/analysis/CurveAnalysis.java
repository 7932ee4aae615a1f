package io.hpo4j.studies.analysis;

import io.hpo4j.tuner.EpochMetrics.Metric;

/**
 * What a trial's learning curve says about its fit, as {@link CurveAnalyzer} derives it. Gaps are
 * positive when the model does better on its training data than on the validation data. A value
 * that cannot be derived (accuracy not measured, no finite epoch) is null.
 *
 * @param epochs             epochs in the curve
 * @param monitor            the metric that picks the best epoch (the trial's objective)
 * @param bestEpoch          the epoch with the best {@code monitor} value among finite epochs; null if none
 * @param gapAccuracyBest    training minus validation accuracy at the best epoch; null if not measured
 * @param gapAccuracyLast    training minus validation accuracy at the last finite epoch; null if not measured
 * @param gapLossBest        validation minus training loss at the best epoch; null if none
 * @param gapLossLast        validation minus training loss at the last finite epoch; null if none
 * @param overfitOnsetEpoch  the epoch after which validation loss kept rising while training loss kept falling; null if none
 * @param verdict            the verdict
 * @param reason             why, in one sentence with the numbers, e.g.
 *                           {@code train - validation accuracy gap 0.081 at epoch 12 exceeds 0.05}
 */
public record CurveAnalysis(int epochs, Metric monitor, Integer bestEpoch, Double gapAccuracyBest,
                            Double gapAccuracyLast, Double gapLossBest, Double gapLossLast,
                            Integer overfitOnsetEpoch, Verdict verdict, String reason) {

    public CurveAnalysis {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, but got " + epochs);
        }
        if (monitor == null || verdict == null || reason == null) {
            throw new IllegalArgumentException("monitor, verdict and reason must not be null, but got "
                    + monitor + ", " + verdict + ", " + reason);
        }
        requireFiniteOrNull("gap_accuracy_best", gapAccuracyBest);
        requireFiniteOrNull("gap_accuracy_last", gapAccuracyLast);
        requireFiniteOrNull("gap_loss_best", gapLossBest);
        requireFiniteOrNull("gap_loss_last", gapLossLast);
    }

    private static void requireFiniteOrNull(String name, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite or null, but got " + value);
        }
    }
}
