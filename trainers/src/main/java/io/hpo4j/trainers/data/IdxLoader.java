package io.hpo4j.trainers.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads image classification datasets in the IDX format of MNIST and Fashion-MNIST: an image
 * file (magic {@code 0x00000803}: count x rows x columns unsigned bytes) and a label file (magic
 * {@code 0x00000801}: count unsigned bytes). Either file may be gzip-compressed; compression is
 * detected by its magic number, not by the file name.
 *
 * <pre>{@code
 * LabeledDataset fashion = IdxLoader.loadDirectory(Path.of("/usr/share/datasets/fashion-mnist"), IdxPart.TRAIN);
 * LabeledDataset digits = IdxLoader.load(Path.of("t10k-images-idx3-ubyte.gz"), Path.of("t10k-labels-idx1-ubyte.gz"));
 * }</pre>
 *
 * <p>Pixels are scaled by 1/255 to {@code [0, 1]}, each image flattened row by row. The dataset's
 * {@link LabeledDataset#contentHash() content hash} is the SHA-256 of the image file's bytes
 * followed by the label file's bytes, as stored (so {@code cat images labels | sha256sum} gives
 * it). Every check names the file and the bad value: a wrong magic number, a zero dimension, a
 * truncated or over-long file, image and label counts that differ, a label outside
 * {@code [0, numClasses)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class IdxLoader {

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** MNIST and Fashion-MNIST have ten classes. */
    public static final int DEFAULT_CLASSES = 10;

    private IdxLoader() {
    }

    /** An image file and its label file. */
    public record FilePair(Path images, Path labels) {
        public FilePair {
            if (images == null || labels == null) {
                throw new IllegalArgumentException("IDX images and labels paths must not be null, but got images="
                        + images + ", labels=" + labels);
            }
        }
    }

    /** Reads an image file and a label file with ten classes, named after the image file's directory. */
    public static LabeledDataset load(Path images, Path labels) throws IOException {
        return load(images, labels, DEFAULT_CLASSES);
    }

    /** Reads an image file and a label file whose labels are in {@code [0, numClasses)}. */
    public static LabeledDataset load(Path images, Path labels, int numClasses) throws IOException {
        Path dir = images.toAbsolutePath().getParent();
        String name = dir == null || dir.getFileName() == null ? images.getFileName().toString() : dir.getFileName().toString();
        return parse(name, images.toString(), Bytes.read(images), labels.toString(), Bytes.read(labels), numClasses);
    }

    /** Finds the {@code part}'s files in {@code dir} (see {@link IdxPart}) and reads them, with ten classes. */
    public static LabeledDataset loadDirectory(Path dir, IdxPart part) throws IOException {
        FilePair files = find(dir, part);
        Path d = dir.toAbsolutePath().normalize();
        String name = (d.getFileName() == null ? d.toString() : d.getFileName().toString()) + "/" + part.name().toLowerCase(java.util.Locale.ROOT);
        return parse(name, files.images().toString(), Bytes.read(files.images()), files.labels().toString(),
                Bytes.read(files.labels()), DEFAULT_CLASSES);
    }

    /**
     * The image and label files of {@code part} in {@code dir}: the first image name of
     * {@link IdxPart#imageNames()} that exists, and the first existing label name.
     *
     * @throws NoSuchFileException naming the directory and every name looked for
     */
    public static FilePair find(Path dir, IdxPart part) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory (expected a directory of IDX files)");
        }
        Path images = firstExisting(dir, part.imageNames());
        Path labels = firstExisting(dir, part.labelNames());
        if (images == null || labels == null) {
            throw new NoSuchFileException(dir.toString(), null, "no IDX " + part.name().toLowerCase(java.util.Locale.ROOT)
                    + (images == null ? " images; looked for " + part.imageNames() : " labels; looked for " + part.labelNames()));
        }
        return new FilePair(images, labels);
    }

    private static Path firstExisting(Path dir, List<String> names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Parses the bytes of an image file and a label file (each raw or gzip).
     *
     * @param name       the dataset's name
     * @param imagesName the image file's name, for error messages
     * @param labelsName the label file's name, for error messages
     * @throws IOException naming the file and the bad value if either file is not valid IDX, or
     *                     if the two do not match
     */
    public static LabeledDataset parse(String name, String imagesName, byte[] imageBytes, String labelsName,
                                       byte[] labelBytes, int numClasses) throws IOException {
        if (numClasses < 1 || numClasses > 256) {
            throw new IllegalArgumentException("numClasses must be in [1, 256] for IDX unsigned byte labels, but got " + numClasses);
        }
        String hash = Bytes.sha256(imageBytes, labelBytes);
        byte[] img = Bytes.gunzipIfNeeded(imagesName, imageBytes);
        byte[] lab = Bytes.gunzipIfNeeded(labelsName, labelBytes);

        int[] imageDims = header(imagesName, img, IMAGES_MAGIC, 3, "images");
        int[] labelDims = header(labelsName, lab, LABELS_MAGIC, 1, "labels");
        int count = imageDims[0];
        int rows = imageDims[1];
        int cols = imageDims[2];
        if (labelDims[0] != count) {
            throw new IOException(labelsName + ": has " + labelDims[0] + " labels, but " + imagesName + " has "
                    + count + " images; an image file and its label file must have the same count");
        }
        long pixelsPerImage = (long) rows * cols;
        checkLength(imagesName, img, 16, (long) count * pixelsPerImage, count + " images of " + rows + "x" + cols);
        checkLength(labelsName, lab, 8, count, count + " labels");

        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = lab[8 + i] & 0xff;
            if (label >= numClasses) {
                throw new IOException(labelsName + ": label of item " + i + " is " + label + ", but labels must be in [0, "
                        + (numClasses - 1) + "] for " + numClasses + " classes");
            }
            labels[i] = label;
        }
        int n = (int) pixelsPerImage;
        if ((long) count * n > Integer.MAX_VALUE - 16) {
            throw new IOException(imagesName + ": " + count + " images of " + rows + "x" + cols
                    + " do not fit in one Java array; use fewer images");
        }
        float[] features = new float[count * n];
        for (int k = 0; k < features.length; k++) {
            features[k] = (img[16 + k] & 0xff) / 255f;
        }
        List<String> classNames = new ArrayList<>(numClasses);
        for (int c = 0; c < numClasses; c++) {
            classNames.add(Integer.toString(c));
        }
        return LabeledDataset.wrap(name, features, n, labels, classNames, hash);
    }

    /** Checks the magic number and reads the dimensions (each > 0). */
    private static int[] header(String file, byte[] bytes, int expectedMagic, int dims, String what) throws IOException {
        if (bytes.length < 4) {
            throw tooShort(file, bytes, dims, what);
        }
        int magic = readInt(bytes, 0);
        if (magic != expectedMagic) {
            String hint = (magic >>> 16) != 0 ? " (not an IDX file)" : (magic == IMAGES_MAGIC || magic == LABELS_MAGIC
                    ? " (is it the " + (magic == IMAGES_MAGIC ? "images" : "labels") + " file?)" : "");
            throw new IOException(String.format("%s: magic number is 0x%08x%s, but an IDX %s file must start with 0x%08x"
                    + " (unsigned bytes, %d dimension%s)", file, magic, hint, what, expectedMagic, dims, dims == 1 ? "" : "s"));
        }
        if (bytes.length < 4 + 4 * dims) {
            throw tooShort(file, bytes, dims, what);
        }
        int[] result = new int[dims];
        for (int d = 0; d < dims; d++) {
            result[d] = readInt(bytes, 4 + 4 * d);
            if (result[d] <= 0) {
                throw new IOException(file + ": dimension " + d + " is " + result[d] + ", but IDX dimensions must be > 0");
            }
        }
        return result;
    }

    private static IOException tooShort(String file, byte[] bytes, int dims, String what) {
        return new IOException(file + ": is " + bytes.length + " bytes long, too short for the header of an IDX "
                + what + " file (" + (4 + 4 * dims) + " bytes)");
    }

    private static void checkLength(String file, byte[] bytes, int headerSize, long expected, String what) throws IOException {
        long actual = bytes.length - (long) headerSize;
        if (actual != expected) {
            throw new IOException(file + ": the header announces " + what + " (" + expected + " bytes of data), but the file has "
                    + actual + " bytes of data" + (actual < expected ? " (truncated?)" : " (trailing bytes)"));
        }
    }

    private static int readInt(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
    }
}
