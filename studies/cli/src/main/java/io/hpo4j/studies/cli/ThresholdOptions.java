package io.hpo4j.studies.cli;

import io.hpo4j.studies.analysis.OverfitThresholds;
import picocli.CommandLine.Option;

/**
 * The thresholds of the overfitting analysis (a picocli mixin) on the commands that show verdicts.
 * Defaults and meaning: {@link OverfitThresholds}. Analyses stored with other thresholds are
 * recomputed and stored again.
 */
final class ThresholdOptions {

    @Option(names = "--overfit-gap", paramLabel = "GAP",
            description = "Overfit when training minus validation accuracy at the last epoch exceeds GAP (default: "
                    + OverfitThresholds.DEFAULT_OVERFIT_GAP + ").")
    Double overfitGap;
    @Option(names = "--overfit-loss-rise", paramLabel = "FRACTION",
            description = "Overfit when, after an overfitting onset, validation loss ends more than FRACTION above its "
                    + "minimum (default: " + OverfitThresholds.DEFAULT_OVERFIT_LOSS_RISE + ").")
    Double overfitLossRise;
    @Option(names = "--underfit-accuracy", paramLabel = "ACC",
            description = "Underfit when training accuracy at the last epoch is below ACC (default: " + OverfitThresholds.DEFAULT_UNDERFIT_ACCURACY + ").")
    Double underfitAccuracy;
    @Option(names = "--underfit-loss-decrease", paramLabel = "FRACTION",
            description = "Without accuracy: underfit when training loss fell by less than FRACTION (default: "
                    + OverfitThresholds.DEFAULT_UNDERFIT_LOSS_DECREASE + ").")
    Double underfitLossDecrease;
    @Option(names = "--onset-epochs", paramLabel = "N",
            description = "An overfitting onset needs N epochs after it (default: " + OverfitThresholds.DEFAULT_ONSET_EPOCHS + ").")
    Integer onsetEpochs;
    @Option(names = "--min-epochs", paramLabel = "N",
            description = "Fewer epochs than N are INCONCLUSIVE (default: " + OverfitThresholds.DEFAULT_MIN_EPOCHS + ").")
    Integer minEpochs;
    @Option(names = "--loss-tolerance", paramLabel = "FRACTION",
            description = "Relative tolerance when comparing losses (default: " + OverfitThresholds.DEFAULT_LOSS_TOLERANCE + ").")
    Double lossTolerance;

    /** The defaults with the options given. */
    OverfitThresholds thresholds() {
        OverfitThresholds.Builder b = OverfitThresholds.builder();
        if (overfitGap != null) {
            b.overfitGap(overfitGap);
        }
        if (overfitLossRise != null) {
            b.overfitLossRise(overfitLossRise);
        }
        if (underfitAccuracy != null) {
            b.underfitAccuracy(underfitAccuracy);
        }
        if (underfitLossDecrease != null) {
            b.underfitLossDecrease(underfitLossDecrease);
        }
        if (onsetEpochs != null) {
            b.onsetEpochs(onsetEpochs);
        }
        if (minEpochs != null) {
            b.minEpochs(minEpochs);
        }
        if (lossTolerance != null) {
            b.lossTolerance(lossTolerance);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // name the option as the user typed it: overfit_gap -> --overfit-gap
            String message = e.getMessage();
            int space = message.indexOf(' ');
            throw new IllegalArgumentException("--" + message.substring(0, space).replace('_', '-') + message.substring(space), e);
        }
    }
}
