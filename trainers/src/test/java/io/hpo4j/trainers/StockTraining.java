package io.hpo4j.trainers;

import io.hpo4j.trainers.data.LabeledDataset;
import io.hpo4j.trainers.data.TrainValidation;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.trainers.nn.MlpNetworks;
import io.hpo4j.tuner.EpochMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reference for the trainer's speed-ups: a trial trained the plain way, as the DL4J examples
 * do it (a fresh array per minibatch made with {@code Nd4j.create(float[])}, stock DL4J layers, the
 * network output read row by row with {@code toFloatMatrix()}), with the same seed, data order and
 * measurements as {@link MlpTrainer}. Tests compare the trainer's curves with these.
 */
final class StockTraining {

    private StockTraining() {
    }

    /** The epochs of a trial with {@code config} and {@code seed} on {@code data} (seconds are 0). */
    static List<EpochMetrics> curve(TrainValidation data, MlpConfig config, long seed, int trainEvalExamples) {
        LabeledDataset train = data.train();
        MultiLayerNetwork net = new MultiLayerNetwork(MlpNetworks.configuration(config, data.numFeatures(), data.numClasses(), seed));
        net.init();
        int[] order = MlpTrainer.evenlySpaced(train.size(), train.size());
        int[] trainEvalRows = MlpTrainer.evenlySpaced(train.size(), trainEvalExamples);
        int[] validationRows = MlpTrainer.evenlySpaced(data.validation().size(), data.validation().size());
        SplittableRandom shuffle = new SplittableRandom(seed);
        List<EpochMetrics> curve = new ArrayList<>();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            MlpTrainer.shuffle(order, shuffle);
            for (int from = 0; from < order.length; from += config.batchSize()) {
                int to = Math.min(order.length, from + config.batchSize());
                INDArray x = features(train, order, from, to);
                INDArray y = oneHot(train, order, from, to);
                net.fit(x, y);
                x.close();
                y.close();
                net.score();
            }
            double[] onTrain = measure(net, train, trainEvalRows);
            double[] onValidation = measure(net, data.validation(), validationRows);
            curve.add(new EpochMetrics(epoch, onTrain[0], onTrain[1], onValidation[0], onValidation[1], 0));
        }
        net.close();
        return curve;
    }

    static INDArray features(LabeledDataset data, int[] rows, int from, int to) {
        float[] buffer = new float[(to - from) * data.numFeatures()];
        data.copyRows(rows, from, to, buffer);
        return Nd4j.create(buffer, new long[] {to - from, data.numFeatures()}, DataType.FLOAT);
    }

    static INDArray oneHot(LabeledDataset data, int[] rows, int from, int to) {
        float[] buffer = new float[(to - from) * data.numClasses()];
        for (int k = 0; k < to - from; k++) {
            buffer[k * data.numClasses() + data.label(rows[from + k])] = 1f;
        }
        return Nd4j.create(buffer, new long[] {to - from, data.numClasses()}, DataType.FLOAT);
    }

    /** {loss, accuracy} in inference mode, batches of {@link MlpTrainer#MEASURE_BATCH}, read row by row. */
    static double[] measure(MultiLayerNetwork net, LabeledDataset data, int[] rows) {
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < rows.length; from += MlpTrainer.MEASURE_BATCH) {
            int to = Math.min(rows.length, from + MlpTrainer.MEASURE_BATCH);
            INDArray x = features(data, rows, from, to);
            float[][] p = net.output(x, false).toFloatMatrix();
            for (int k = 0; k < p.length; k++) {
                int label = data.label(rows[from + k]);
                lossSum -= Math.log(Math.min(1 - Minibatches.SOFTMAX_CLIP, Math.max(Minibatches.SOFTMAX_CLIP, p[k][label])));
                int argmax = 0;
                for (int c = 1; c < p[k].length; c++) {
                    if (p[k][c] > p[k][argmax]) {
                        argmax = c;
                    }
                }
                correct += argmax == label ? 1 : 0;
            }
        }
        return new double[] {lossSum / rows.length, (double) correct / rows.length};
    }
}
