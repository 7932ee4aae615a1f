package io.hpo4j.trainers;

import io.hpo4j.trainers.data.LabeledDataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns rows of a shared {@link LabeledDataset} into ND4J minibatches, and measures loss and
 * accuracy in inference mode. One instance per trial, never shared between threads; the dataset
 * itself is only read.
 *
 * <p>Minibatches are the same few native arrays, reused: one per row count (the batch size and the
 * last, shorter batch), each filled with one bulk copy from a heap buffer. An array returned by
 * {@link #features} or {@link #oneHotLabels} is therefore valid until the next call for the same
 * row count; the caller must not close it ({@link #close()} frees them all). Measuring computes each
 * batch's network output into arrays kept from batch to batch ({@link InferencePass}) and reads it
 * with one bulk copy too, instead of one native call per row.
 */
final class Minibatches implements AutoCloseable {

    /** DL4J's {@code LossMCXENT} clips softmax outputs to [1e-10, 1 - 1e-10]; the measured loss does the same. */
    static final double SOFTMAX_CLIP = 1e-10;

    private final LabeledDataset data;
    private final int numClasses;
    private final Map<Integer, INDArray> featureArrays = new HashMap<>();
    private final Map<Integer, INDArray> labelArrays = new HashMap<>();
    private float[] featureBuffer = new float[0];
    private float[] labelBuffer = new float[0];
    private float[] outputBuffer = new float[0];
    private final InferencePass inference = new InferencePass();

    Minibatches(LabeledDataset data) {
        this.data = data;
        this.numClasses = data.numClasses();
    }

    /** Features of rows {@code rows[from..to)}, shape [to - from, numFeatures]; see the class comment for its lifetime. */
    INDArray features(int[] rows, int from, int to) {
        int n = to - from;
        int size = n * data.numFeatures();
        if (featureBuffer.length < size) {
            featureBuffer = new float[size];
        }
        data.copyRows(rows, from, to, featureBuffer);
        INDArray x = featureArrays.computeIfAbsent(n, k -> Nd4j.create(DataType.FLOAT, k, data.numFeatures()));
        NativeCopies.copyIn(featureBuffer, size, x);
        return x;
    }

    /** One-hot labels of rows {@code rows[from..to)}, shape [to - from, numClasses]; see the class comment for its lifetime. */
    INDArray oneHotLabels(int[] rows, int from, int to) {
        int n = to - from;
        int size = n * numClasses;
        if (labelBuffer.length < size) {
            labelBuffer = new float[size];
        }
        Arrays.fill(labelBuffer, 0, size, 0f);
        for (int k = 0; k < n; k++) {
            labelBuffer[k * numClasses + data.label(rows[from + k])] = 1f;
        }
        INDArray y = labelArrays.computeIfAbsent(n, k -> Nd4j.create(DataType.FLOAT, k, numClasses));
        NativeCopies.copyIn(labelBuffer, size, y);
        return y;
    }

    /**
     * Mean cross-entropy and accuracy of {@code net} on {@code rows}, in inference mode (no dropout),
     * in batches: through {@link InferencePass} when it supports {@code net} (the same outputs, bit for
     * bit, in less time), otherwise through {@code net.output}.
     */
    Measurement measure(MultiLayerNetwork net, int[] rows, int batchSize) {
        boolean lean = InferencePass.supports(net);
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < rows.length; from += batchSize) {
            int to = Math.min(rows.length, from + batchSize);
            int n = to - from;
            INDArray x = features(rows, from, to);
            INDArray out = lean ? inference.output(net, x) : net.output(x, false);
            if (outputBuffer.length < n * numClasses) {
                outputBuffer = new float[n * numClasses];
            }
            NativeCopies.copyOut(out, outputBuffer);
            if (!lean) {
                out.close();
            }
            for (int k = 0; k < n; k++) {
                int offset = k * numClasses;
                int label = data.label(rows[from + k]);
                double pl = outputBuffer[offset + label];
                lossSum -= Double.isNaN(pl) ? Double.NaN : Math.log(Math.min(1 - SOFTMAX_CLIP, Math.max(SOFTMAX_CLIP, pl)));
                int argmax = 0;
                for (int c = 1; c < numClasses; c++) {
                    if (outputBuffer[offset + c] > outputBuffer[offset + argmax]) {
                        argmax = c;
                    }
                }
                if (argmax == label && !Double.isNaN(pl)) {
                    correct++;
                }
            }
        }
        return new Measurement(lossSum / rows.length, (double) correct / rows.length);
    }

    /** Frees the native minibatch arrays now rather than when the garbage collector notices. */
    @Override
    public void close() {
        featureArrays.values().forEach(INDArray::close);
        labelArrays.values().forEach(INDArray::close);
        featureArrays.clear();
        labelArrays.clear();
        inference.close();
    }

    /** Loss and accuracy over some rows. */
    record Measurement(double loss, double accuracy) {
    }
}
