package io.hpo4j.tuner;

/**
 * One point of a trial's learning curve: the training and validation loss and accuracy measured
 * at the end of an epoch, and the seconds the epoch took. A value that was not measured (the
 * accuracy of a regression, say) is NaN; non-finite losses are kept as they are, so a diverging
 * trial's curve shows where it diverged.
 *
 * @param epoch              1 for the first epoch
 * @param trainLoss          loss on the training data
 * @param trainAccuracy      accuracy on the training data, in [0, 1], or NaN
 * @param validationLoss     loss on the validation data
 * @param validationAccuracy accuracy on the validation data, in [0, 1], or NaN
 * @param seconds            wall time of the epoch, training and evaluation
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy,
                           double validationLoss, double validationAccuracy, double seconds) {

    public EpochMetrics {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1, but got " + epoch);
        }
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new IllegalArgumentException("seconds must be >= 0, but got " + seconds);
        }
    }

    /** The named metric: {@code train_loss}, {@code train_accuracy}, {@code validation_loss} or {@code validation_accuracy}. */
    public double get(Metric metric) {
        return switch (metric) {
            case TRAIN_LOSS -> trainLoss;
            case TRAIN_ACCURACY -> trainAccuracy;
            case VALIDATION_LOSS -> validationLoss;
            case VALIDATION_ACCURACY -> validationAccuracy;
        };
    }

    /** The metrics an epoch records, with the direction in which each one improves. */
    public enum Metric {
        TRAIN_LOSS("train_loss", Direction.MINIMIZE),
        TRAIN_ACCURACY("train_accuracy", Direction.MAXIMIZE),
        VALIDATION_LOSS("validation_loss", Direction.MINIMIZE),
        VALIDATION_ACCURACY("validation_accuracy", Direction.MAXIMIZE);

        private final String key;
        private final Direction direction;

        Metric(String key, Direction direction) {
            this.key = key;
            this.direction = direction;
        }

        public String key() {
            return key;
        }

        public Direction direction() {
            return direction;
        }

        /** Parses a metric key such as {@code validation_loss} (also {@code val_loss}, {@code val_accuracy}). */
        public static Metric parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT).replace("val_", "validation_");
            for (Metric m : values()) {
                if (m.key.equals(t)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("metric must be one of [train_loss, train_accuracy, validation_loss, validation_accuracy], but got '" + text + "'");
        }
    }
}
