package io.hpo4j.studies.analysis;

import io.hpo4j.tuner.EpochMetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Synthetic learning curves for the analysis tests. */
final class Curves {

    private Curves() {
    }

    /** Epochs 1..n from four functions of the epoch. */
    static List<EpochMetrics> curve(int n, IntToDoubleFunction trainLoss, IntToDoubleFunction trainAccuracy,
                                    IntToDoubleFunction validationLoss, IntToDoubleFunction validationAccuracy) {
        List<EpochMetrics> out = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            out.add(new EpochMetrics(e, trainLoss.applyAsDouble(e), trainAccuracy.applyAsDouble(e),
                    validationLoss.applyAsDouble(e), validationAccuracy.applyAsDouble(e), 1.0));
        }
        return out;
    }

    /**
     * Overfits from epoch 5: training loss keeps falling and training accuracy climbs to 1, while
     * validation loss is lowest at epoch 5 and rises at every epoch after it, and validation
     * accuracy falls back to 0.86.
     */
    static List<EpochMetrics> overfitting() {
        return curve(12,
                e -> Math.pow(0.7, e),
                e -> Math.min(1.0, 0.80 + 0.02 * e),
                e -> 0.30 + 0.02 * (e - 5) * (e - 5),
                e -> e <= 5 ? 0.80 + 0.02 * e : 0.90 - 0.006 * (e - 5));
    }

    /** Learns steadily: both losses fall, validation slightly above training; accuracy gap about 0.015. */
    static List<EpochMetrics> healthy() {
        return curve(10,
                e -> 0.2 + 0.8 * Math.exp(-0.5 * e),
                e -> 0.97 - 0.12 * Math.exp(-0.5 * e),
                e -> 0.25 + 0.85 * Math.exp(-0.5 * e),
                e -> 0.955 - 0.12 * Math.exp(-0.5 * e));
    }

    /** Barely learns: training accuracy crawls from 0.30 to 0.48. */
    static List<EpochMetrics> underfitting() {
        return curve(10,
                e -> 2.30 - 0.02 * e,
                e -> 0.30 + 0.02 * e,
                e -> 2.31 - 0.02 * e,
                e -> 0.29 + 0.02 * e);
    }
}
