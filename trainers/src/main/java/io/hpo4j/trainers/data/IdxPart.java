package io.hpo4j.trainers.data;

import java.util.List;

/**
 * Which pair of files of an IDX directory (as MNIST and Fashion-MNIST are distributed) to read,
 * with the file names looked for, in order of preference.
 */
public enum IdxPart {
    /**
     * The training files: {@code train-images-idx3-ubyte[.gz]} and {@code train-labels-idx1-ubyte[.gz]}
     * (also with a dot, {@code train-images.idx3-ubyte}), or the un-prefixed
     * {@code images-idx3-ubyte[.gz]} / {@code labels-idx1-ubyte[.gz]} of a single-part directory
     * such as mnist-10k.
     */
    TRAIN(List.of("train-images-idx3-ubyte", "train-images-idx3-ubyte.gz", "train-images.idx3-ubyte",
            "train-images.idx3-ubyte.gz", "images-idx3-ubyte", "images-idx3-ubyte.gz"),
            List.of("train-labels-idx1-ubyte", "train-labels-idx1-ubyte.gz", "train-labels.idx1-ubyte",
                    "train-labels.idx1-ubyte.gz", "labels-idx1-ubyte", "labels-idx1-ubyte.gz")),
    /** The test files: {@code t10k-images-idx3-ubyte[.gz]} and {@code t10k-labels-idx1-ubyte[.gz]}. */
    TEST(List.of("t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz", "t10k-images.idx3-ubyte",
            "t10k-images.idx3-ubyte.gz"),
            List.of("t10k-labels-idx1-ubyte", "t10k-labels-idx1-ubyte.gz", "t10k-labels.idx1-ubyte",
                    "t10k-labels.idx1-ubyte.gz"));

    private final List<String> imageNames;
    private final List<String> labelNames;

    IdxPart(List<String> imageNames, List<String> labelNames) {
        this.imageNames = imageNames;
        this.labelNames = labelNames;
    }

    /** Candidate image file names, most preferred first. */
    public List<String> imageNames() {
        return imageNames;
    }

    /** Candidate label file names, most preferred first (paired by position with the image names). */
    public List<String> labelNames() {
        return labelNames;
    }

    /** Parses {@code train} or {@code test} (any case; {@code t10k} too). */
    public static IdxPart parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "train" -> TRAIN;
            case "test", "t10k" -> TEST;
            default -> throw new IllegalArgumentException("IDX part must be one of [train, test], but got '" + text + "'");
        };
    }
}
