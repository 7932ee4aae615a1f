package io.hpo4j.trainers.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX files for tests. */
final class IdxTestFiles {

    private IdxTestFiles() {
    }

    /** An image file of {@code count} images of rows x cols, pixel (i, k) = (i * 7 + k) mod 256. */
    static byte[] images(int magic, int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(magic).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < rows * cols; k++) {
                b.put((byte) ((i * 7 + k) % 256));
            }
        }
        return b.array();
    }

    static byte[] images(int count, int rows, int cols) {
        return images(IdxLoader.IMAGES_MAGIC, count, rows, cols);
    }

    static byte[] labelsWithMagic(int magic, int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    static byte[] labels(int... labels) {
        return labelsWithMagic(IdxLoader.LABELS_MAGIC, labels);
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
