package io.hpo4j.trainers.data;

import java.io.IOException;
import java.util.Arrays;

/**
 * Everything needed to turn a source into training and validation data: the source, the split,
 * the feature scaling, and an optional cap on the number of training rows. Equal specs give equal
 * data, which is why {@link DatasetCache} keys on them.
 *
 * <pre>{@code
 * // the benchmark: first 10,000 Fashion-MNIST training images train, the last 5,000 validate
 * DataSpec fashion = DataSpec.of(DataSource.idxDirectory(Path.of("/usr/share/datasets/fashion-mnist"), IdxPart.TRAIN),
 *                                Split.headTail(10_000, 5_000));
 * TrainValidation data = DatasetCache.shared().prepare(fashion);
 * }</pre>
 *
 * @param source     where the rows come from
 * @param split      how they are divided
 * @param scaling    how features are rescaled, with statistics of the training part only
 * @param trainLimit at most this many training rows (the first ones of the training part), or 0
 *                   for all
 * @param test       the examples held back from the search ({@link TestPart#none()} for none)
 */
public record DataSpec(DataSource source, Split split, FeatureScaling scaling, int trainLimit, TestPart test) {

    public DataSpec {
        if (test == null) {
            test = TestPart.none();
        }
        if (source == null || split == null || scaling == null) {
            throw new IllegalArgumentException("data spec needs a source, a split and a scaling, but got source=" + source
                    + ", split=" + split + ", scaling=" + scaling);
        }
        if (trainLimit < 0) {
            throw new IllegalArgumentException("train limit must be >= 0 (0 for none), but got " + trainLimit);
        }
    }

    /** A spec without a test part. */
    public DataSpec(DataSource source, Split split, FeatureScaling scaling, int trainLimit) {
        this(source, split, scaling, trainLimit, TestPart.none());
    }

    /** {@code source} split by {@code split}, with the source's default scaling, no limit and no test part. */
    public static DataSpec of(DataSource source, Split split) {
        return new DataSpec(source, split, source.defaultScaling(), 0);
    }

    public DataSpec withScaling(FeatureScaling newScaling) {
        return new DataSpec(source, split, newScaling, trainLimit, test);
    }

    public DataSpec withTrainLimit(int newTrainLimit) {
        return new DataSpec(source, split, scaling, newTrainLimit, test);
    }

    public DataSpec withTest(TestPart newTest) {
        return new DataSpec(source, split, scaling, trainLimit, newTest);
    }

    /**
     * Loads, splits, limits and scales (uncached; {@link DatasetCache#prepare} caches).
     *
     * @param loader loads a source; the cache passes its own so that sources are shared too
     */
    PreparedData prepare(SourceLoader loader) throws IOException {
        LabeledDataset all = loader.load(source);
        LabeledDataset testPart = null;
        if (test instanceof TestPart.Fraction f) {
            // set the test rows aside first; the train/validation split divides the rest
            TrainValidation restAndTest = new Split.Random(f.fraction(), f.seed(), true).apply(all);
            String name = all.name();
            all = restAndTest.train().renamed(name + "[without " + test.describe() + "]");
            testPart = restAndTest.validation().renamed(name + "[" + test.describe() + "]");
        } else if (test instanceof TestPart.Separate s) {
            testPart = loader.load(s.source());
        }
        TrainValidation parts;
        if (split instanceof Split.Random r) {
            parts = r.apply(all);
        } else if (split instanceof Split.HeadTail h) {
            parts = h.apply(all);
        } else {
            parts = new TrainValidation(all, loader.load(((Split.Separate) split).validation()));
        }
        if (trainLimit > 0 && trainLimit < parts.train().size()) {
            int[] first = new int[trainLimit];
            Arrays.setAll(first, i -> i);
            LabeledDataset train = parts.train();
            parts = new TrainValidation(train.subset(train.name() + "[first " + trainLimit + "]", first), parts.validation());
        }
        if (testPart != null) {
            requireCompatible(parts.train(), testPart);
        }
        FittedScaling fitted = scaling.fit(parts.train());
        TrainValidation scaled = scaling == FeatureScaling.NONE ? parts
                : new TrainValidation(fitted.apply(parts.train()), fitted.apply(parts.validation()));
        return new PreparedData(scaled, fitted, parts, testPart);
    }

    private static void requireCompatible(LabeledDataset train, LabeledDataset testPart) {
        if (train.numFeatures() != testPart.numFeatures()) {
            throw new IllegalArgumentException("the test data " + testPart.name() + " have " + testPart.numFeatures()
                    + " features, but the training data have " + train.numFeatures());
        }
        if (!train.classNames().equals(testPart.classNames())) {
            throw new IllegalArgumentException("the test data " + testPart.name() + " have classes " + testPart.classNames()
                    + ", but the training data have " + train.classNames() + "; both need the same classes");
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** A description for logs and provenance. */
    public String describe() {
        return source.describe() + ", " + split.describe() + ", scaling=" + scaling.name().toLowerCase(java.util.Locale.ROOT)
                + (trainLimit > 0 ? ", train limit " + trainLimit : "")
                + (test instanceof TestPart.None ? "" : ", " + test.describe());
    }

    /** Loads a source (possibly from a cache). */
    @FunctionalInterface
    interface SourceLoader {
        LabeledDataset load(DataSource source) throws IOException;
    }
}
