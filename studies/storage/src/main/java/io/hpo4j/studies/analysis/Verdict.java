package io.hpo4j.studies.analysis;

/**
 * How well a trial's model fits, judged from its learning curve by {@link CurveAnalyzer}. The
 * rules and their thresholds are in {@link OverfitThresholds}; they are checked in the order of
 * the constants below, the first that applies wins.
 */
public enum Verdict {

    /** A training or validation loss stopped being finite: the training broke down. */
    DIVERGED,
    /** Too few epochs to judge (fewer than {@link OverfitThresholds#minEpochs()}), or none at all. */
    INCONCLUSIVE,
    /** The model does not fit even the training data: low training accuracy, or a training loss that barely fell. */
    UNDERFIT,
    /** The model fits the training data much better than the validation data, or validation loss climbed back up while training loss kept falling. */
    OVERFIT,
    /** None of the above: the model learned, and what it learned carries over to the validation data. */
    GOOD_FIT
}
