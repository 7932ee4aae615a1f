package io.hpo4j.studies.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The thresholds of {@link CurveAnalyzer}'s rules: when a curve shows an overfitting onset, and
 * when it is called overfit, underfit or inconclusive. Immutable and validated; build a variant
 * with {@link #toBuilder()}.
 *
 * <pre>{@code
 * OverfitThresholds strict = OverfitThresholds.defaults().toBuilder().overfitGap(0.02).build();
 * CurveAnalysis a = new CurveAnalyzer(strict).analyze(curve, Metric.VALIDATION_ACCURACY);
 * }</pre>
 *
 * <h2>The rules, with the defaults</h2>
 * Losses are compared relatively: "higher than {@code x}" means higher than
 * {@code x * (1 + lossTolerance)}, "lower" means lower than {@code x * (1 - lossTolerance)}.
 * <ul>
 *   <li><b>Overfitting onset</b>: the first epoch {@code k} followed by at least
 *       {@link #onsetEpochs()} (3) epochs such that after {@code k} validation loss stays higher
 *       than at {@code k} (it never gets back down to that level), while training loss never
 *       rises above its level at {@code k} and ends lower than it. In words: the last point where
 *       validation loss was at its best, if from then on it kept rising while training loss kept
 *       falling. {@link #lossTolerance()} (0.005) absorbs the noise of the measurements.</li>
 *   <li><b>Inconclusive</b>: fewer than {@link #minEpochs()} (3) epochs.</li>
 *   <li><b>Underfit</b>: training accuracy at the last epoch below {@link #underfitAccuracy()}
 *       (0.80); when accuracy is not measured, a training loss that fell by less than
 *       {@link #underfitLossDecrease()} (0.10, i.e. 10 %) from the first epoch to the last.</li>
 *   <li><b>Overfit</b>: a generalization gap (training minus validation accuracy) at the last
 *       epoch larger than {@link #overfitGap()} (0.05, five points of accuracy); or an onset and
 *       a validation loss at the last epoch more than {@link #overfitLossRise()} (0.10, i.e.
 *       10 %) above its minimum.</li>
 *   <li><b>Good fit</b>: anything else.</li>
 * </ul>
 * The defaults suit classifiers trained for a few to a few dozen epochs: three epochs after the
 * onset tell a trend from the one- or two-epoch bumps of a noisy plateau (and match the usual
 * early-stopping patience, so an early-stopped overfitting trial still shows its onset); five points of accuracy
 * is a gap a person would call overfitting on MNIST-like data, and 10 % above the best validation
 * loss is well beyond the epoch-to-epoch noise of such curves. A hard data set (where 80 %
 * training accuracy is good) needs a lower {@code underfitAccuracy}.
 *
 * @param minEpochs            epochs needed for a verdict other than DIVERGED or INCONCLUSIVE; >= 1
 * @param onsetEpochs          epochs that must follow an onset epoch; >= 1
 * @param lossTolerance        relative tolerance when comparing losses, in [0, 1)
 * @param overfitGap           training minus validation accuracy above which a curve is overfit, in [0, 1]
 * @param overfitLossRise      relative rise of validation loss above its minimum that, with an onset, is overfit; >= 0
 * @param underfitAccuracy     training accuracy below which a curve is underfit, in [0, 1]
 * @param underfitLossDecrease relative fall of training loss below which a curve without accuracy is underfit, in [0, 1]
 */
public record OverfitThresholds(int minEpochs, int onsetEpochs, double lossTolerance, double overfitGap,
                                double overfitLossRise, double underfitAccuracy, double underfitLossDecrease) {

    /**
     * Version of the rules, stored with every analysis: an analysis made by other rules (or other
     * thresholds) is recomputed.
     */
    public static final int RULES_VERSION = 1;

    public static final int DEFAULT_MIN_EPOCHS = 3;
    public static final int DEFAULT_ONSET_EPOCHS = 3;
    public static final double DEFAULT_LOSS_TOLERANCE = 0.005;
    public static final double DEFAULT_OVERFIT_GAP = 0.05;
    public static final double DEFAULT_OVERFIT_LOSS_RISE = 0.10;
    public static final double DEFAULT_UNDERFIT_ACCURACY = 0.80;
    public static final double DEFAULT_UNDERFIT_LOSS_DECREASE = 0.10;

    private static final OverfitThresholds DEFAULTS = new OverfitThresholds(DEFAULT_MIN_EPOCHS, DEFAULT_ONSET_EPOCHS,
            DEFAULT_LOSS_TOLERANCE, DEFAULT_OVERFIT_GAP, DEFAULT_OVERFIT_LOSS_RISE, DEFAULT_UNDERFIT_ACCURACY,
            DEFAULT_UNDERFIT_LOSS_DECREASE);

    public OverfitThresholds {
        if (minEpochs < 1) {
            throw new IllegalArgumentException("min_epochs must be >= 1, but got " + minEpochs);
        }
        if (onsetEpochs < 1) {
            throw new IllegalArgumentException("onset_epochs must be >= 1, but got " + onsetEpochs);
        }
        requireIn("loss_tolerance", lossTolerance, 0, 1, false);
        requireIn("overfit_gap", overfitGap, 0, 1, true);
        if (!(overfitLossRise >= 0 && overfitLossRise < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("overfit_loss_rise must be a finite number >= 0, but got " + overfitLossRise);
        }
        requireIn("underfit_accuracy", underfitAccuracy, 0, 1, true);
        requireIn("underfit_loss_decrease", underfitLossDecrease, 0, 1, true);
    }

    /** The documented defaults. */
    public static OverfitThresholds defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The thresholds by their snake_case names, with {@code rules_version}: what is stored with an analysis. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rules_version", RULES_VERSION);
        m.put("min_epochs", minEpochs);
        m.put("onset_epochs", onsetEpochs);
        m.put("loss_tolerance", lossTolerance);
        m.put("overfit_gap", overfitGap);
        m.put("overfit_loss_rise", overfitLossRise);
        m.put("underfit_accuracy", underfitAccuracy);
        m.put("underfit_loss_decrease", underfitLossDecrease);
        return m;
    }

    private static void requireIn(String name, double value, double low, double high, boolean highIncluded) {
        boolean ok = value >= low && (highIncluded ? value <= high : value < high);
        if (!ok) {
            throw new IllegalArgumentException(name + " must be in [" + low + ", " + high + (highIncluded ? "]" : ")")
                    + ", but got " + value);
        }
    }

    /** Changes some thresholds and keeps the others; {@link #build()} validates. */
    public static final class Builder {

        private int minEpochs;
        private int onsetEpochs;
        private double lossTolerance;
        private double overfitGap;
        private double overfitLossRise;
        private double underfitAccuracy;
        private double underfitLossDecrease;

        private Builder(OverfitThresholds from) {
            minEpochs = from.minEpochs;
            onsetEpochs = from.onsetEpochs;
            lossTolerance = from.lossTolerance;
            overfitGap = from.overfitGap;
            overfitLossRise = from.overfitLossRise;
            underfitAccuracy = from.underfitAccuracy;
            underfitLossDecrease = from.underfitLossDecrease;
        }

        public Builder minEpochs(int value) {
            minEpochs = value;
            return this;
        }

        public Builder onsetEpochs(int value) {
            onsetEpochs = value;
            return this;
        }

        public Builder lossTolerance(double value) {
            lossTolerance = value;
            return this;
        }

        public Builder overfitGap(double value) {
            overfitGap = value;
            return this;
        }

        public Builder overfitLossRise(double value) {
            overfitLossRise = value;
            return this;
        }

        public Builder underfitAccuracy(double value) {
            underfitAccuracy = value;
            return this;
        }

        public Builder underfitLossDecrease(double value) {
            underfitLossDecrease = value;
            return this;
        }

        public OverfitThresholds build() {
            return new OverfitThresholds(minEpochs, onsetEpochs, lossTolerance, overfitGap, overfitLossRise,
                    underfitAccuracy, underfitLossDecrease);
        }
    }
}
