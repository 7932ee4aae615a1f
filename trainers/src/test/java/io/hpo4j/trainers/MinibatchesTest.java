package io.hpo4j.trainers;

import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.DatasetCache;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.data.TrainValidation;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.trainers.nn.MlpNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MinibatchesTest {

    private static TrainValidation data;

    @BeforeAll
    static void loadData() throws Exception {
        data = DatasetCache.shared().prepare(DataSpec.of(DataSource.mnist10k(), Split.headTail(700, 1300)));
    }

    private static int[] shuffledRows(int n, long seed) {
        int[] rows = MlpTrainer.evenlySpaced(n, n);
        MlpTrainer.shuffle(rows, new SplittableRandom(seed));
        return rows;
    }

    @Test
    void minibatchesHoldTheSameValuesAsArraysCreatedFromTheRows() {
        int[] rows = shuffledRows(data.train().size(), 3);
        try (Minibatches batches = new Minibatches(data.train())) {
            // the same row count twice (the arrays are reused), then the shorter last batch
            for (int[] range : new int[][] {{0, 128}, {128, 256}, {640, 700}}) {
                INDArray x = batches.features(rows, range[0], range[1]);
                INDArray y = batches.oneHotLabels(rows, range[0], range[1]);
                assertThat(x).isEqualTo(StockTraining.features(data.train(), rows, range[0], range[1]));
                assertThat(y).isEqualTo(StockTraining.oneHot(data.train(), rows, range[0], range[1]));
            }
        }
    }

    @Test
    void measuringGivesTheLossAndAccuracyOfReadingTheOutputRowByRow() {
        MlpConfig config = MlpConfig.fromParams(Map.of("hidden_units", 16, "epochs", 1), MlpConfig.DEFAULTS);
        MultiLayerNetwork net = MlpNetworks.build(config, data.numFeatures(), data.numClasses(), 5);
        try (Minibatches batches = new Minibatches(data.train())) {
            int[] rows = MlpTrainer.evenlySpaced(data.validation().size(), data.validation().size());
            // untrained, then after one pass, and over rows that end in a short batch (1,300 = 1,000 + 300)
            for (int round = 0; round < 2; round++) {
                Minibatches.Measurement m = new Minibatches(data.validation()).measure(net, rows, MlpTrainer.MEASURE_BATCH);
                double[] expected = StockTraining.measure(net, data.validation(), rows);
                assertThat(m.loss()).isCloseTo(expected[0], within(1e-12));
                assertThat(m.accuracy()).isEqualTo(expected[1]);
                int[] order = shuffledRows(data.train().size(), 1);
                for (int from = 0; from < order.length; from += 100) {
                    net.fit(batches.features(order, from, from + 100), batches.oneHotLabels(order, from, from + 100));
                }
            }
        } finally {
            net.close();
        }
    }
}
