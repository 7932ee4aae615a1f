package io.hpo4j.studies.config;

import io.hpo4j.tuner.EpochMetrics;

/**
 * Early stopping inside a trial, as a study file declares it.
 *
 * @param monitor  the metric watched
 * @param patience epochs without improvement before the trial stops
 * @param minDelta the least change that counts as an improvement
 */
public record EarlyStoppingSpec(EpochMetrics.Metric monitor, int patience, double minDelta) {

    public EarlyStoppingSpec {
        if (patience < 1) {
            throw new IllegalArgumentException("early_stopping.patience must be >= 1, but got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("early_stopping.min_delta must be >= 0, but got " + minDelta);
        }
    }
}
