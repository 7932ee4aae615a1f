package io.hpo4j.trainers.data;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Shortcuts to the datasets hpo4j ships with, loaded once through {@link DatasetCache#shared()}.
 *
 * <pre>{@code
 * LabeledDataset digits = Datasets.mnist10k();          // 10,000 x 784, 10 classes
 * TrainValidation data = Datasets.mnist10k(8_000, 2_000); // first 8,000 train, last 2,000 validate
 * }</pre>
 */
public final class Datasets {

    private Datasets() {
    }

    /** The bundled 10,000 MNIST digits (pixels in [0, 1]); read from the classpath, so offline and from a jar. */
    public static LabeledDataset mnist10k() {
        try {
            return DatasetCache.shared().load(DataSource.mnist10k());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled mnist-10k dataset from the classpath: " + e.getMessage(), e);
        }
    }

    /** The bundled digits split by position: the first {@code trainCount} train, the last {@code validationCount} validate. */
    public static TrainValidation mnist10k(int trainCount, int validationCount) {
        try {
            return DatasetCache.shared().prepare(DataSpec.of(DataSource.mnist10k(), Split.headTail(trainCount, validationCount)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the bundled mnist-10k dataset from the classpath: " + e.getMessage(), e);
        }
    }
}
