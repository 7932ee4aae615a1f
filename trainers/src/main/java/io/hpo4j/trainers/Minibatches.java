package io.hpo4j.trainers;

import io.hpo4j.trainers.data.LabeledDataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns rows of a shared {@link LabeledDataset} into ND4J minibatches, and measures loss and
 * accuracy in inference mode. One instance per trial (it reuses its heap buffers); never shared
 * between threads. The dataset itself is only read.
 */
final class Minibatches {

    /** DL4J's {@code LossMCXENT} clips softmax outputs to [1e-10, 1 - 1e-10]; the measured loss does the same. */
    static final double SOFTMAX_CLIP = 1e-10;

    private final LabeledDataset data;
    private final int numClasses;
    private float[] featureBuffer = new float[0];
    private float[] labelBuffer = new float[0];

    Minibatches(LabeledDataset data) {
        this.data = data;
        this.numClasses = data.numClasses();
    }

    /** Features of rows {@code rows[from..to)}, shape [to - from, numFeatures]. */
    INDArray features(int[] rows, int from, int to) {
        int n = to - from;
        int size = n * data.numFeatures();
        if (featureBuffer.length != size) {
            featureBuffer = new float[size];
        }
        data.copyRows(rows, from, to, featureBuffer);
        return Nd4j.create(featureBuffer, new long[] {n, data.numFeatures()}, DataType.FLOAT);
    }

    /** One-hot labels of rows {@code rows[from..to)}, shape [to - from, numClasses]. */
    INDArray oneHotLabels(int[] rows, int from, int to) {
        int n = to - from;
        int size = n * numClasses;
        if (labelBuffer.length != size) {
            labelBuffer = new float[size];
        } else {
            java.util.Arrays.fill(labelBuffer, 0f);
        }
        for (int k = 0; k < n; k++) {
            labelBuffer[k * numClasses + data.label(rows[from + k])] = 1f;
        }
        return Nd4j.create(labelBuffer, new long[] {n, numClasses}, DataType.FLOAT);
    }

    /** Mean cross-entropy and accuracy of {@code net} on {@code rows}, in inference mode (no dropout), in batches. */
    Measurement measure(MultiLayerNetwork net, int[] rows, int batchSize) {
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < rows.length; from += batchSize) {
            int to = Math.min(rows.length, from + batchSize);
            INDArray x = features(rows, from, to);
            INDArray out = net.output(x, false);
            float[][] probabilities = out.toFloatMatrix();
            x.close();
            out.close();
            for (int k = 0; k < probabilities.length; k++) {
                float[] p = probabilities[k];
                int label = data.label(rows[from + k]);
                double pl = p[label];
                lossSum -= Double.isNaN(pl) ? Double.NaN : Math.log(Math.min(1 - SOFTMAX_CLIP, Math.max(SOFTMAX_CLIP, pl)));
                int argmax = 0;
                for (int c = 1; c < p.length; c++) {
                    if (p[c] > p[argmax]) {
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

    /** Loss and accuracy over some rows. */
    record Measurement(double loss, double accuracy) {
    }
}
