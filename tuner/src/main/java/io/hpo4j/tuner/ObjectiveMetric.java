package io.hpo4j.tuner;

import java.util.Optional;

/**
 * What a trial's value and intermediate values measure: a metric's name and the direction in
 * which it improves, recorded with every trial so that queries read it instead of guessing it.
 *
 * <pre>{@code
 * ObjectiveMetric accuracy = ObjectiveMetric.of(EpochMetrics.Metric.VALIDATION_ACCURACY);
 * ObjectiveMetric loss = new ObjectiveMetric("rmse", Direction.MINIMIZE);
 * }</pre>
 *
 * @param name      the metric's name, e.g. {@code validation_accuracy}; 1-64 characters
 * @param direction whether larger or smaller values are better
 */
public record ObjectiveMetric(String name, Direction direction) {

    /** The longest name storages keep. */
    public static final int MAX_NAME_LENGTH = 64;

    public ObjectiveMetric {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("objective metric name must be 1-" + MAX_NAME_LENGTH
                    + " characters, but got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (direction == null) {
            throw new IllegalArgumentException("objective metric '" + name + "': direction must not be null");
        }
    }

    /** One of the learning-curve metrics, with its own direction. */
    public static ObjectiveMetric of(EpochMetrics.Metric metric) {
        return new ObjectiveMetric(metric.key(), metric.direction());
    }

    /** The learning-curve metric of that name, if it is one ({@code validation_loss}, ...). */
    public Optional<EpochMetrics.Metric> curveMetric() {
        for (EpochMetrics.Metric m : EpochMetrics.Metric.values()) {
            if (m.key().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
