package io.hpo4j.trainers;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bulk copies between heap {@code float[]} buffers and ND4J float arrays: one native memcpy each
 * way, where ND4J's own {@code Nd4j.create(float[])}, {@code DataBuffer.asFloat()} and
 * {@code toFloatMatrix()} copy element by element (or row by row, with native calls per row).
 * Only for dense, row-major ('c'), float arrays that own their buffer from offset 0, which is what
 * {@code Nd4j.create} gives; {@link #copyOut} also reads column-major ('f') matrices laid out the
 * same way, which is what DL4J's dense layers compute, and takes ND4J's own (slower) path for
 * anything else.
 */
final class NativeCopies {

    private NativeCopies() {
    }

    /** Writes {@code src[0..length)} into {@code dst}, a {@linkplain #isPlain plain} array of {@code length} elements. */
    static void copyIn(float[] src, int length, INDArray dst) {
        if (!isPlain(dst) || dst.length() != length) {
            throw new IllegalArgumentException("can copy " + length + " floats only into a plain float array of that length, but got "
                    + dst.shapeInfoToString());
        }
        ((FloatPointer) dst.data().addressPointer()).put(src, 0, length);
    }

    /** Reads {@code src}, row-major, into {@code dst[0..src.length())}. */
    static void copyOut(INDArray src, float[] dst) {
        int length = (int) src.length();
        if (dst.length < length) {
            throw new IllegalArgumentException("buffer of " + dst.length + " floats cannot hold an array of " + length);
        }
        if (src.rank() == 2 && isDense(src, 'f')) { // what DL4J's dense layers compute: one copy, transposed here
            float[] columns = new float[length];
            ((FloatPointer) src.data().addressPointer()).get(columns, 0, length);
            int rows = (int) src.size(0);
            int cols = (int) src.size(1);
            for (int c = 0; c < cols; c++) {
                for (int r = 0; r < rows; r++) {
                    dst[r * cols + c] = columns[c * rows + r];
                }
            }
            return;
        }
        INDArray plain = isPlain(src) ? src : src.castTo(DataType.FLOAT).dup('c');
        ((FloatPointer) plain.data().addressPointer()).get(dst, 0, length);
        if (plain != src) {
            plain.close();
        }
    }

    /** Whether {@code a} is a float array laid out row-major over its whole buffer from offset 0. */
    static boolean isPlain(INDArray a) {
        return isDense(a, 'c');
    }

    private static boolean isDense(INDArray a, char order) {
        return a.dataType() == DataType.FLOAT && a.ordering() == order && !a.isView() && a.offset() == 0
                && a.data().length() == a.length() && a.elementWiseStride() == 1;
    }
}
