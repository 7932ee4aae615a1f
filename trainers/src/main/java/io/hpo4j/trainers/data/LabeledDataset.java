package io.hpo4j.trainers.data;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable, in-memory classification dataset: {@code size()} rows of {@code numFeatures()}
 * float features, each with a class index in {@code [0, numClasses())}, plus a name, the class
 * names, and the SHA-256 of the source files it was read from (for provenance).
 *
 * <pre>{@code
 * LabeledDataset mnist = Datasets.mnist10k();
 * float[] row = mnist.row(0);          // 784 pixels in [0, 1]
 * int digit = mnist.label(0);          // 0..9
 * String hash = mnist.contentHash();   // sha256 of the IDX files, hex
 * }</pre>
 *
 * <p>Features are held in one row-major {@code float[]} that never leaves this object: accessors
 * return copies, and {@link #copyRows(int[], int, int, float[])} writes into a caller's buffer so
 * that trainers can build minibatches without copying the whole set. Instances are therefore
 * safe to share between threads (trials running in parallel read the same dataset).
 */
public final class LabeledDataset {

    private final String name;
    private final float[] features;
    private final int numFeatures;
    private final int[] labels;
    private final List<String> classNames;
    private final String contentHash;

    private LabeledDataset(String name, float[] features, int numFeatures, int[] labels,
                           List<String> classNames, String contentHash) {
        this.name = name;
        this.features = features;
        this.numFeatures = numFeatures;
        this.labels = labels;
        this.classNames = classNames;
        this.contentHash = contentHash;
    }

    /**
     * A dataset over copies of the given arrays.
     *
     * @param name        a short name, for logs and provenance (e.g. {@code mnist-10k})
     * @param features    {@code labels.length * numFeatures} values, row-major; finite
     * @param numFeatures the number of features per row, at least 1
     * @param labels      one class index per row, each in {@code [0, classNames.size())}
     * @param classNames  the class names, index {@code i} naming class {@code i}; at least 1
     * @param contentHash hex SHA-256 of the source files, or a description of the source
     * @throws IllegalArgumentException naming the first inconsistency (sizes, a label out of range,
     *                                  a non-finite feature)
     */
    public static LabeledDataset of(String name, float[] features, int numFeatures, int[] labels,
                                    List<String> classNames, String contentHash) {
        for (int k = 0; k < features.length; k++) {
            if (!Float.isFinite(features[k])) {
                throw new IllegalArgumentException(name + ": features must be finite, but row " + (numFeatures > 0 ? k / numFeatures : k)
                        + ", feature " + (numFeatures > 0 ? k % numFeatures : 0) + " is " + features[k]);
            }
        }
        return wrap(name, features.clone(), numFeatures, labels.clone(), classNames, contentHash);
    }

    /** Like {@link #of} but takes ownership of the arrays (callers in this package build them fresh). */
    static LabeledDataset wrap(String name, float[] features, int numFeatures, int[] labels,
                               List<String> classNames, String contentHash) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank, but got '" + name + "'");
        }
        if (numFeatures < 1) {
            throw new IllegalArgumentException(name + ": numFeatures must be >= 1, but got " + numFeatures);
        }
        if (classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": needs at least one class name, but got " + classNames);
        }
        if ((long) labels.length * numFeatures != features.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels x " + numFeatures
                    + " features need " + (long) labels.length * numFeatures + " feature values, but got " + features.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label of row " + i + " is " + labels[i]
                        + ", but must be in [0, " + (classNames.size() - 1) + "] for " + classNames.size() + " classes");
            }
        }
        return new LabeledDataset(name, features, numFeatures, labels, List.copyOf(classNames),
                contentHash == null ? "" : contentHash);
    }

    public String name() {
        return name;
    }

    /** The number of rows (examples). */
    public int size() {
        return labels.length;
    }

    public int numFeatures() {
        return numFeatures;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Class names by index; unmodifiable. For IDX digits {@code "0"..."9"}, for CSV the sorted distinct labels. */
    public List<String> classNames() {
        return classNames;
    }

    /** Hex SHA-256 of the bytes of the source files (see the loader for which bytes, in which order). */
    public String contentHash() {
        return contentHash;
    }

    /** The class index of row {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of row {@code i}'s features. */
    public float[] row(int i) {
        java.util.Objects.checkIndex(i, labels.length);
        return Arrays.copyOfRange(features, i * numFeatures, (i + 1) * numFeatures);
    }

    /** Feature {@code j} of row {@code i}. */
    public float feature(int i, int j) {
        java.util.Objects.checkIndex(i, labels.length);
        java.util.Objects.checkIndex(j, numFeatures);
        return features[i * numFeatures + j];
    }

    /**
     * Copies the rows {@code rows[from]}, ..., {@code rows[to - 1]} one after another into
     * {@code dest}, which must hold at least {@code (to - from) * numFeatures()} values.
     */
    public void copyRows(int[] rows, int from, int to, float[] dest) {
        int d = 0;
        for (int k = from; k < to; k++) {
            System.arraycopy(features, rows[k] * numFeatures, dest, d, numFeatures);
            d += numFeatures;
        }
    }

    /** How many rows have each class, by class index. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The rows at {@code indices}, in that order, as a new dataset named {@code newName}. */
    public LabeledDataset subset(String newName, int[] indices) {
        float[] f = new float[indices.length * numFeatures];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            java.util.Objects.checkIndex(indices[k], labels.length);
            l[k] = labels[indices[k]];
        }
        copyRows(indices, 0, indices.length, f);
        return new LabeledDataset(newName, f, numFeatures, l, classNames, contentHash);
    }

    /** The same rows under another name (no copy: both share the immutable arrays). */
    LabeledDataset renamed(String newName) {
        return new LabeledDataset(newName, features, numFeatures, labels, classNames, contentHash);
    }

    /**
     * The rows of {@code first} followed by those of {@code second}, as a new dataset.
     *
     * @throws IllegalArgumentException if their features or classes differ
     */
    public static LabeledDataset concat(String newName, LabeledDataset first, LabeledDataset second) {
        if (first.numFeatures != second.numFeatures || !first.classNames.equals(second.classNames)) {
            throw new IllegalArgumentException("cannot join " + first.name + " (" + first.numFeatures + " features, classes "
                    + first.classNames + ") and " + second.name + " (" + second.numFeatures + " features, classes "
                    + second.classNames + "): features and classes must be the same");
        }
        float[] f = Arrays.copyOf(first.features, first.features.length + second.features.length);
        System.arraycopy(second.features, 0, f, first.features.length, second.features.length);
        int[] l = Arrays.copyOf(first.labels, first.labels.length + second.labels.length);
        System.arraycopy(second.labels, 0, l, first.labels.length, second.labels.length);
        return new LabeledDataset(newName, f, first.numFeatures, l, first.classNames,
                first.contentHash.equals(second.contentHash) ? first.contentHash : first.contentHash + "+" + second.contentHash);
    }

    /** A dataset with the same labels and the features transformed by {@code op}, applied to a copy. */
    LabeledDataset mapFeatures(String newName, java.util.function.Consumer<float[]> op) {
        float[] copy = features.clone();
        op.accept(copy);
        return new LabeledDataset(newName, copy, numFeatures, labels, classNames, contentHash);
    }

    /** The raw feature array, for this package's scalers only (never modified through it). */
    float[] featuresUnsafe() {
        return features;
    }

    @Override
    public String toString() {
        return "LabeledDataset{" + name + ", " + size() + " x " + numFeatures + ", " + numClasses() + " classes"
                + (contentHash.isEmpty() ? "" : ", sha256=" + contentHash.substring(0, Math.min(12, contentHash.length()))) + "}";
    }
}
