package io.hpo4j.trainers.data;

import java.util.Optional;

/**
 * What a {@link DataSpec} prepares: the scaled training and validation parts a trainer sees, the
 * scaling fitted on the training part, and, apart, the raw (unscaled) parts and the raw test part.
 * The test part is deliberately <em>not</em> in {@link #scaled()}: whatever trains, validates,
 * stops early or prunes only gets that, so it cannot see the test examples.
 *
 * @param scaled   the training and validation parts, scaled with {@code scaling}
 * @param scaling  the scaling, fitted on the raw training part
 * @param raw      the training and validation parts as loaded (the same objects as {@code scaled}
 *                 for {@link FeatureScaling#NONE})
 * @param rawTest  the test part as loaded, or null if the spec has none
 */
public record PreparedData(TrainValidation scaled, FittedScaling scaling, TrainValidation raw, LabeledDataset rawTest) {

    public PreparedData {
        if (scaled == null || scaling == null || raw == null) {
            throw new IllegalArgumentException("prepared data need scaled and raw parts and a scaling");
        }
    }

    /** The raw test part, if the spec has one. */
    public Optional<LabeledDataset> test() {
        return Optional.ofNullable(rawTest);
    }
}
