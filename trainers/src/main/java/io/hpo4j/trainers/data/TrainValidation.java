package io.hpo4j.trainers.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training part and a validation part with the same features and classes, ready to train on.
 * Immutable and shared by every trial of a process.
 *
 * @param train      the examples to fit
 * @param validation the held-out examples to measure
 */
public record TrainValidation(LabeledDataset train, LabeledDataset validation) {

    public TrainValidation {
        if (train == null || validation == null) {
            throw new IllegalArgumentException("train and validation must not be null, but got train=" + train
                    + ", validation=" + validation);
        }
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("train and validation must not be empty, but got " + train.size()
                    + " training and " + validation.size() + " validation examples");
        }
        if (train.numFeatures() != validation.numFeatures()) {
            throw new IllegalArgumentException("train has " + train.numFeatures() + " features but validation has "
                    + validation.numFeatures() + "; both parts need the same features");
        }
        if (!train.classNames().equals(validation.classNames())) {
            throw new IllegalArgumentException("train has classes " + train.classNames() + " but validation has "
                    + validation.classNames() + "; both parts need the same classes in the same order");
        }
    }

    public int numFeatures() {
        return train.numFeatures();
    }

    public int numClasses() {
        return train.numClasses();
    }

    /** Names, sizes and content hashes of both parts, for a trial's provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("train_name", train.name());
        map.put("train_size", train.size());
        map.put("train_sha256", train.contentHash());
        map.put("validation_name", validation.name());
        map.put("validation_size", validation.size());
        map.put("validation_sha256", validation.contentHash());
        map.put("features", numFeatures());
        map.put("classes", numClasses());
        return map;
    }
}
