package io.hpo4j.trainers;

import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.DatasetCache;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.data.TrainValidation;
import io.hpo4j.trainers.nn.ActivationFunction;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.trainers.nn.MlpNetworks;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InferencePassTest {

    private static TrainValidation data;

    @BeforeAll
    static void loadData() throws Exception {
        data = DatasetCache.shared().prepare(DataSpec.of(DataSource.mnist10k(), Split.headTail(400, 250)));
    }

    private static MultiLayerNetwork trainedNetwork(String activation, int layers, double dropout) {
        MlpConfig config = MlpConfig.fromParams(Map.of("hidden_units", 24, "layers", layers, "dropout", dropout,
                "activation", activation, "epochs", 1), MlpConfig.DEFAULTS);
        MultiLayerNetwork net = MlpNetworks.build(config, data.numFeatures(), data.numClasses(), 11);
        int[] order = MlpTrainer.evenlySpaced(data.train().size(), data.train().size());
        MlpTrainer.shuffle(order, new SplittableRandom(2));
        try (Minibatches batches = new Minibatches(data.train())) {
            for (int from = 0; from < order.length; from += 50) {
                net.fit(batches.features(order, from, from + 50), batches.oneHotLabels(order, from, from + 50));
            }
        }
        return net;
    }

    @ParameterizedTest
    @EnumSource(ActivationFunction.class)
    void givesExactlyTheOutputOfDl4jInInferenceModeForEveryActivation(ActivationFunction activation) {
        MultiLayerNetwork net = trainedNetwork(activation.key(), 3, 0.3);
        int[] rows = MlpTrainer.evenlySpaced(data.validation().size(), data.validation().size());
        assertThat(InferencePass.supports(net)).isTrue();
        try (Minibatches batches = new Minibatches(data.validation()); InferencePass pass = new InferencePass()) {
            // a full batch, a shorter one, then the full size again: the kept arrays are reused, not mixed up
            for (int[] range : new int[][] {{0, 100}, {200, 250}, {100, 200}}) {
                INDArray x = batches.features(rows, range[0], range[1]);
                INDArray expected = net.output(x, false);
                assertThat(pass.output(net, x)).isEqualTo(expected);
                expected.close();
            }
        } finally {
            net.close();
        }
    }

    @Test
    void supportsStockDl4jDenseNetworksAndNetworksWithoutHiddenLayers() {
        MultiLayerNetwork net = trainedNetwork("relu", 1, 0);
        MultiLayerNetwork stock = new MultiLayerNetwork(MlpNetworks.stockConfiguration(net.getLayerWiseConfigurations()));
        stock.init(net.params(), false);
        MultiLayerNetwork logistic = trainedNetwork("relu", 0, 0);
        int[] rows = MlpTrainer.evenlySpaced(data.validation().size(), data.validation().size());
        try (Minibatches batches = new Minibatches(data.validation()); InferencePass pass = new InferencePass()) {
            INDArray x = batches.features(rows, 0, 250);
            for (MultiLayerNetwork each : new MultiLayerNetwork[] {stock, logistic}) {
                assertThat(InferencePass.supports(each)).isTrue();
                assertThat(pass.output(each, x)).isEqualTo(each.output(x, false));
            }
            assertThat(pass.output(stock, x)).isEqualTo(net.output(x, false));
        } finally {
            net.close();
            stock.close();
            logistic.close();
        }
    }

    @Test
    void leavesNetworksItWouldComputeDifferentlyToDl4jAndMeasuringThemStillGivesDl4jsFigures() {
        MultiLayerNetwork layerNorm = network(new DenseLayer.Builder().nIn(data.numFeatures()).nOut(8).hasLayerNorm(true)
                .activation(Activation.RELU).build());
        MultiLayerNetwork noBias = network(new DenseLayer.Builder().nIn(data.numFeatures()).nOut(8).hasBias(false)
                .activation(Activation.RELU).build());
        MultiLayerNetwork otherLayer = network(new DenseLayer.Builder().nIn(data.numFeatures()).nOut(8)
                .activation(Activation.IDENTITY).build(), new ActivationLayer.Builder().activation(Activation.RELU).build());
        int[] rows = MlpTrainer.evenlySpaced(data.validation().size(), data.validation().size());
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {layerNorm, noBias, otherLayer}) {
            assertThat(InferencePass.supports(net)).isFalse();
            Minibatches.Measurement m = new Minibatches(data.validation()).measure(net, rows, MlpTrainer.MEASURE_BATCH);
            double[] expected = StockTraining.measure(net, data.validation(), rows);
            assertThat(m.loss()).isCloseTo(expected[0], within(1e-12));
            assertThat(m.accuracy()).isEqualTo(expected[1]);
            net.close();
        }
    }

    private static MultiLayerNetwork network(Layer... hidden) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3).weightInit(WeightInit.XAVIER).list();
        for (Layer layer : hidden) {
            list.layer(layer);
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(data.numClasses())
                .activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
