package io.hpo4j.trainers.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a dataset comes from. Sources are records, so two equal sources name the same data and
 * the {@link DatasetCache} loads them once. Paths are made absolute and normalized.
 *
 * <pre>{@code
 * DataSource.mnist10k()
 * DataSource.idxDirectory(Path.of("/usr/share/datasets/fashion-mnist"), IdxPart.TRAIN)
 * DataSource.idxFiles(Path.of("imgs.gz"), Path.of("labels.gz"))
 * DataSource.csv(Path.of("iris.csv"), CsvFormat.labelNamed("species"))
 * }</pre>
 */
public sealed interface DataSource permits DataSource.Mnist10k, DataSource.IdxFiles, DataSource.IdxDirectory,
        DataSource.CsvFile {

    /** Reads the whole dataset (uncached; use {@link DatasetCache} to share it). */
    LabeledDataset load() throws IOException;

    /** A short description for logs, reports and provenance. */
    String describe();

    /** The scaling applied when a spec does not choose one: none for IDX (already in [0, 1]), z-score for CSV. */
    FeatureScaling defaultScaling();

    static Mnist10k mnist10k() {
        return new Mnist10k();
    }

    static IdxFiles idxFiles(Path images, Path labels) {
        return new IdxFiles(images, labels, IdxLoader.DEFAULT_CLASSES);
    }

    static IdxDirectory idxDirectory(Path dir, IdxPart part) {
        return new IdxDirectory(dir, part);
    }

    static CsvFile csv(Path file, CsvFormat format) {
        return new CsvFile(file, format);
    }

    /**
     * The 10,000 MNIST digits bundled with hpo4j (on the classpath, so it works offline and from a
     * jar); see {@code io/hpo4j/trainers/data/mnist-10k/README.md} for source and licence.
     */
    record Mnist10k() implements DataSource {
        /** The classpath folder holding the files and their README. */
        public static final String RESOURCE_DIR = "/io/hpo4j/trainers/data/mnist-10k/";

        @Override
        public LabeledDataset load() throws IOException {
            String images = RESOURCE_DIR + "images-idx3-ubyte.gz";
            String labels = RESOURCE_DIR + "labels-idx1-ubyte.gz";
            return IdxLoader.parse("mnist-10k", "classpath:" + images, Bytes.readResource(images),
                    "classpath:" + labels, Bytes.readResource(labels), IdxLoader.DEFAULT_CLASSES);
        }

        @Override
        public String describe() {
            return "mnist-10k (bundled)";
        }

        @Override
        public FeatureScaling defaultScaling() {
            return FeatureScaling.NONE;
        }
    }

    /** An IDX image file and its label file, with labels in {@code [0, numClasses)}. */
    record IdxFiles(Path images, Path labels, int numClasses) implements DataSource {
        public IdxFiles {
            if (images == null || labels == null) {
                throw new IllegalArgumentException("IDX images and labels paths must not be null, but got images="
                        + images + ", labels=" + labels);
            }
            images = images.toAbsolutePath().normalize();
            labels = labels.toAbsolutePath().normalize();
        }

        @Override
        public LabeledDataset load() throws IOException {
            return IdxLoader.load(images, labels, numClasses);
        }

        @Override
        public String describe() {
            return "idx(" + images + ", " + labels + ")";
        }

        @Override
        public FeatureScaling defaultScaling() {
            return FeatureScaling.NONE;
        }
    }

    /** The training or test files of a directory in the MNIST layout (see {@link IdxPart} for the names). */
    record IdxDirectory(Path dir, IdxPart part) implements DataSource {
        public IdxDirectory {
            if (dir == null || part == null) {
                throw new IllegalArgumentException("IDX directory and part must not be null, but got dir=" + dir + ", part=" + part);
            }
            dir = dir.toAbsolutePath().normalize();
        }

        @Override
        public LabeledDataset load() throws IOException {
            return IdxLoader.loadDirectory(dir, part);
        }

        @Override
        public String describe() {
            return "idx-dir(" + dir + ", " + part.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }

        @Override
        public FeatureScaling defaultScaling() {
            return FeatureScaling.NONE;
        }
    }

    /** A CSV file of numeric features and a label column. */
    record CsvFile(Path file, CsvFormat format) implements DataSource {
        public CsvFile {
            if (file == null || format == null) {
                throw new IllegalArgumentException("CSV file and format must not be null, but got file=" + file + ", format=" + format);
            }
            file = file.toAbsolutePath().normalize();
        }

        @Override
        public LabeledDataset load() throws IOException {
            return CsvLoader.load(file, format);
        }

        @Override
        public String describe() {
            return "csv(" + file + ", label=" + format.describeLabel() + ")";
        }

        @Override
        public FeatureScaling defaultScaling() {
            return FeatureScaling.STANDARDIZE;
        }
    }
}
