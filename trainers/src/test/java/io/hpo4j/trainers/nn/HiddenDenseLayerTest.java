package io.hpo4j.trainers.nn;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * hpo4j's dense layers ({@link InputDenseLayer} first, {@link HiddenDenseLayer} after it) learn
 * bit for bit as DL4J's stock dense layers, with fewer matrix products per training step.
 */
class HiddenDenseLayerTest {

    @AfterEach
    void profilingOff() {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        OpProfiler.getInstance().reset();
    }

    private static MlpConfig config(String activation, double dropout) {
        return MlpConfig.fromParams(Map.of("hidden_units", 12, "layers", 3, "dropout", dropout, "activation", activation,
                "epochs", 1, "optimizer", "adam", "learning_rate", 0.01), MlpConfig.DEFAULTS);
    }

    private static MultiLayerNetwork stock(MlpConfig config, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(MlpNetworks.configuration(config, 20, 3, seed));
        net.init();
        return net;
    }

    private static INDArray labels(int rows) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 3);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        return y;
    }

    @Test
    void builtNetworksUseHpo4jLayersForEveryHiddenLayer() {
        MultiLayerNetwork net = MlpNetworks.build(config("relu", 0.2), 20, 3, 1);
        assertThat(net.getLayer(0)).isInstanceOf(InputDenseLayer.Impl.class);
        assertThat(net.getLayer(1).getClass()).isEqualTo(HiddenDenseLayer.Impl.class);
        assertThat(net.getLayer(2).getClass()).isEqualTo(HiddenDenseLayer.Impl.class);
        assertThat(net.getLayer(3)).isInstanceOf(org.deeplearning4j.nn.layers.OutputLayer.class);
        net.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "tanh", "elu", "sigmoid", "leaky_relu"})
    void trainingStepsGiveExactlyTheParametersOfTheStockLayers(String activation) {
        MlpConfig config = config(activation, 0.3);
        MultiLayerNetwork fast = MlpNetworks.build(config, 20, 3, 9);
        MultiLayerNetwork stock = stock(config, 9);
        assertThat(fast.params()).isEqualTo(stock.params());
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 20);
        INDArray shortBatch = Nd4j.rand(DataType.FLOAT, 5, 20);
        for (int step = 0; step < 6; step++) {
            INDArray in = step % 3 == 2 ? shortBatch : x; // another row count now and then, as a last batch
            Nd4j.getRandom().setSeed(100 + step); // the same dropout masks for both
            fast.fit(in, labels((int) in.size(0)));
            Nd4j.getRandom().setSeed(100 + step);
            stock.fit(in, labels((int) in.size(0)));
            assertThat(fast.score()).as("score after step %d", step).isEqualTo(stock.score());
        }
        assertThat(fast.params()).as("parameters after 6 steps").isEqualTo(stock.params());
        // inference and training-mode outputs in between do not leave a stale pre-activation behind
        assertThat(fast.output(x, false)).isEqualTo(stock.output(x, false));
        fast.output(shortBatch, true);
        stock.output(shortBatch, true);
        Nd4j.getRandom().setSeed(7);
        fast.fit(x, labels(16));
        Nd4j.getRandom().setSeed(7);
        stock.fit(x, labels(16));
        assertThat(fast.params()).as("parameters after a training-mode output and another step").isEqualTo(stock.params());
        fast.close();
        stock.close();
    }

    @Test
    void aTrainingStepComputesEachLayersForwardProductOnce() {
        MlpConfig config = config("relu", 0);
        MultiLayerNetwork fast = MlpNetworks.build(config, 20, 3, 9);
        MultiLayerNetwork stock = stock(config, 9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 20);
        INDArray y = labels(16);
        fast.fit(x, y); // first steps allocate workspaces: count a later one
        stock.fit(x, y);

        long stockProducts = matrixProductsOfOneStep(stock, x, y);
        long fastProducts = matrixProductsOfOneStep(fast, x, y);
        // stock, per hidden layer: forward, forward again in backprop, weight gradient, input gradient
        // hpo4j: the forward product once, and no input gradient for the first layer
        assertThat(stockProducts - fastProducts).isEqualTo(config.layers() + 1);
        fast.close();
        stock.close();
    }

    private static long matrixProductsOfOneStep(MultiLayerNetwork net, INDArray x, INDArray y) {
        OpProfiler.getInstance().reset();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        net.fit(x, y);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        long products = OpProfiler.getInstance().getOpCounter().getCount("matmul");
        assertThat(products).as("matrix products counted").isPositive();
        return products;
    }

    @Test
    void theStockConfigurationHasOnlyDl4jLayersWithTheSameSettings() {
        var conf = MlpNetworks.build(config("tanh", 0.2), 20, 3, 1).getLayerWiseConfigurations();
        var stock = MlpNetworks.stockConfiguration(conf);
        assertThat(stock.toJson()).doesNotContain("io.hpo4j");
        assertThat(stock).as("an initialized stock network's configuration")
                .isEqualTo(stock(config("tanh", 0.2), 1).getLayerWiseConfigurations());
        assertThat(conf.getConf(1).getLayer()).as("the original is left alone").isInstanceOf(HiddenDenseLayer.class);
        assertThat(stock.getConf(1).getLayer().getClass()).isEqualTo(DenseLayer.class);
        assertThat(org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(conf.toJson())).as("hpo4j's layers survive DL4J's JSON")
                .isEqualTo(conf);
    }
}
