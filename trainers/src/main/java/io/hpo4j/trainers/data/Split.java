package io.hpo4j.trainers.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How one loaded dataset is divided into a training and a validation part. The set is closed:
 *
 * <ul>
 *   <li>{@link Random}: a seeded shuffle, optionally stratified by class; the same seed always
 *       gives the same split;</li>
 *   <li>{@link HeadTail}: the first {@code trainCount} rows train, the last
 *       {@code validationCount} rows validate (for files already shuffled, and for benchmarks
 *       that fix the split by position);</li>
 *   <li>{@link Separate}: all rows train and another source validates (e.g. MNIST's
 *       {@code t10k} files).</li>
 * </ul>
 *
 * <pre>{@code
 * Split.random(0.2, 42)                 // 80 % train, 20 % validation, stratified
 * Split.headTail(10_000, 5_000)         // first 10,000 train, last 5,000 validate
 * Split.separate(DataSource.idxDirectory(dir, IdxPart.TEST))
 * }</pre>
 */
public sealed interface Split permits Split.Random, Split.HeadTail, Split.Separate {

    /** A stratified seeded split with {@code validationFraction} of each class held out. */
    static Random random(double validationFraction, long seed) {
        return new Random(validationFraction, seed, true);
    }

    static HeadTail headTail(int trainCount, int validationCount) {
        return new HeadTail(trainCount, validationCount);
    }

    static Separate separate(DataSource validation) {
        return new Separate(validation);
    }

    /** A short description, as in {@code random(0.2, seed=42, stratified)}. */
    String describe();

    /**
     * A seeded random split. Stratified: each class is shuffled and split on its own, so each
     * part keeps the class proportions (each class contributes {@code round(fraction * count)}
     * rows to validation). Not stratified: all rows are shuffled and the first
     * {@code round(fraction * n)} validate. Both parts are in shuffled order, so a train limit
     * takes a random subset.
     *
     * @param validationFraction the share of rows held out, in (0, 1)
     * @param seed               the shuffle's seed
     * @param stratified         whether to split each class separately
     */
    record Random(double validationFraction, long seed, boolean stratified) implements Split {
        public Random {
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validation fraction must be in (0, 1), but got " + validationFraction);
            }
        }

        public TrainValidation apply(LabeledDataset data) {
            int n = data.size();
            SplittableRandom random = new SplittableRandom(seed);
            List<Integer> validation = new ArrayList<>();
            List<Integer> train = new ArrayList<>();
            if (stratified) {
                List<List<Integer>> byClass = new ArrayList<>();
                for (int c = 0; c < data.numClasses(); c++) {
                    byClass.add(new ArrayList<>());
                }
                for (int i = 0; i < n; i++) {
                    byClass.get(data.label(i)).add(i);
                }
                for (List<Integer> rows : byClass) {
                    int[] shuffled = shuffle(rows.stream().mapToInt(Integer::intValue).toArray(), random);
                    int k = (int) Math.round(validationFraction * shuffled.length);
                    for (int j = 0; j < shuffled.length; j++) {
                        (j < k ? validation : train).add(shuffled[j]);
                    }
                }
                // interleave the classes: shuffle the concatenations once more
                return parts(data, shuffle(toArray(train), random), shuffle(toArray(validation), random), describe());
            }
            int[] all = shuffle(identity(n), random);
            int k = (int) Math.round(validationFraction * n);
            return parts(data, Arrays.copyOfRange(all, k, n), Arrays.copyOfRange(all, 0, k), describe());
        }

        @Override
        public String describe() {
            return "random(" + validationFraction + ", seed=" + seed + (stratified ? ", stratified)" : ")");
        }
    }

    /**
     * Training rows {@code [0, trainCount)} and validation rows {@code [n - validationCount, n)}
     * of a dataset of {@code n} rows; the two must not overlap.
     */
    record HeadTail(int trainCount, int validationCount) implements Split {
        public HeadTail {
            if (trainCount < 1 || validationCount < 1) {
                throw new IllegalArgumentException("head/tail split needs trainCount >= 1 and validationCount >= 1, but got trainCount="
                        + trainCount + ", validationCount=" + validationCount);
            }
        }

        public TrainValidation apply(LabeledDataset data) {
            int n = data.size();
            if ((long) trainCount + validationCount > n) {
                throw new IllegalArgumentException(data.name() + ": head/tail split of " + trainCount + " training and "
                        + validationCount + " validation rows needs " + ((long) trainCount + validationCount)
                        + " rows, but the dataset has " + n);
            }
            int[] train = identity(trainCount);
            int[] validation = new int[validationCount];
            for (int j = 0; j < validationCount; j++) {
                validation[j] = n - validationCount + j;
            }
            return parts(data, train, validation, describe());
        }

        @Override
        public String describe() {
            return "head(" + trainCount + ")/tail(" + validationCount + ")";
        }
    }

    /** Every row of the main source trains; {@code validation} is loaded separately to validate. */
    record Separate(DataSource validation) implements Split {
        public Separate {
            if (validation == null) {
                throw new IllegalArgumentException("separate validation source must not be null");
            }
        }

        @Override
        public String describe() {
            return "separate(" + validation.describe() + ")";
        }
    }

    private static TrainValidation parts(LabeledDataset data, int[] train, int[] validation, String how) {
        return new TrainValidation(data.subset(data.name() + "[train " + how + "]", train),
                data.subset(data.name() + "[validation " + how + "]", validation));
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Fisher-Yates, in place; returns {@code a}. */
    private static int[] shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
