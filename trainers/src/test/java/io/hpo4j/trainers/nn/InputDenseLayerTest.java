package io.hpo4j.trainers.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputDenseLayerTest {

    private static final MlpConfig CONFIG = MlpConfig.fromParams(
            Map.of("hidden_units", 12, "layers", 2, "dropout", 0.2, "activation", "elu", "epochs", 1), MlpConfig.DEFAULTS);

    @Test
    void builtNetworksHaveTheInputLayerFirstWithTheSettingsOfTheStockLayer() {
        MultiLayerNetwork net = MlpNetworks.build(CONFIG, 20, 3, 1);
        assertThat(net.getLayer(0)).isInstanceOf(InputDenseLayer.Impl.class);
        assertThat(net.getLayerWiseConfigurations().getConf(0).getLayer())
                .usingRecursiveComparison().isEqualTo(MlpNetworks.configuration(CONFIG, 20, 3, 1).getConf(0).getLayer());
        net.close();
    }

    @Test
    void trainingStepsGiveTheParametersOfTheStockLayer() {
        MultiLayerNetwork fast = MlpNetworks.build(CONFIG, 20, 3, 9);
        MultiLayerNetwork stock = new MultiLayerNetwork(MlpNetworks.configuration(CONFIG, 20, 3, 9));
        stock.init();
        assertThat(fast.params()).isEqualTo(stock.params());
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 20);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        for (int step = 0; step < 5; step++) {
            Nd4j.getRandom().setSeed(100 + step); // the same dropout masks for both
            fast.fit(x, y);
            Nd4j.getRandom().setSeed(100 + step);
            stock.fit(x, y);
            assertThat(fast.score()).isEqualTo(stock.score());
        }
        assertThat(fast.params().equalsWithEps(stock.params(), 1e-6)).as("parameters after 5 steps").isTrue();
        fast.close();
        stock.close();
    }

    @Test
    void layerNormalizationIsRefused() {
        DenseLayer normalized = new DenseLayer.Builder().nIn(3).nOut(2).hasLayerNorm(true).build();
        assertThatThrownBy(() -> InputDenseLayer.of(normalized)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer normalization");
    }

    @Test
    void itsConfigurationSurvivesDl4jJson() {
        var conf = MlpNetworks.configuration(CONFIG, 20, 3, 1);
        NeuralNetConfiguration first = conf.getConf(0);
        first.setLayer(InputDenseLayer.of((DenseLayer) first.getLayer()));
        var back = org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back.getConf(0).getLayer()).isInstanceOf(InputDenseLayer.class).isEqualTo(first.getLayer());
    }
}
