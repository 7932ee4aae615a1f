package io.hpo4j.trainers.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MlpNetworksTest {

    private static MlpConfig config(int layers, double dropout, ActivationFunction activation, Optimizer optimizer) {
        return new MlpConfig(1, 16, 0.01, 8, layers, dropout, activation, optimizer);
    }

    @Test
    void dropoutIsConvertedFromDropProbabilityToDl4jsRetainProbability() {
        assertThat(MlpNetworks.retainProbability(0.3)).isCloseTo(0.7, within(1e-12));
        assertThatThrownBy(() -> MlpNetworks.retainProbability(0.0)).hasMessageContaining("dropout: must be in (0, 1)");
    }

    @Test
    void dl4jDropsTheFractionOurDropoutNames() {
        INDArray ones = Nd4j.ones(DataType.FLOAT, 1, 20_000);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 1, 20_000);
        Nd4j.getRandom().setSeed(3);

        new Dropout(MlpNetworks.retainProbability(0.2)).applyDropout(ones, out, 0, 0, LayerWorkspaceMgr.noWorkspaces());

        double dropped = out.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertThat(dropped).isCloseTo(0.2, within(0.02));
    }

    @Test
    void dropoutFollowsEveryHiddenLayerButNotTheInput() {
        MultiLayerConfiguration conf = MlpNetworks.configuration(config(2, 0.25, ActivationFunction.RELU, Optimizer.ADAM), 4, 3, 1);

        assertThat(conf.getConfs()).hasSize(3);
        assertThat(conf.getConf(0).getLayer().getIDropout()).isNull();
        assertThat(((Dropout) conf.getConf(1).getLayer().getIDropout()).getP()).isCloseTo(0.75, within(1e-12));
        assertThat(((Dropout) conf.getConf(2).getLayer().getIDropout()).getP()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void noDropoutMeansNoDropoutLayers() {
        MultiLayerConfiguration conf = MlpNetworks.configuration(config(2, 0.0, ActivationFunction.RELU, Optimizer.ADAM), 4, 3, 1);

        assertThat(conf.getConfs()).allSatisfy(c -> assertThat(c.getLayer().getIDropout()).isNull());
    }

    @Test
    void buildsHiddenLayersOfTheConfiguredWidthAndASoftmaxCrossEntropyOutput() {
        MlpConfig config = new MlpConfig(1, 128, 1e-3, 256, 1, 0, ActivationFunction.TANH, Optimizer.NESTEROV);

        MultiLayerNetwork net = MlpNetworks.build(config, 784, 10, 42);
        try {
            assertThat(net.numParams()).isEqualTo(784L * 256 + 256 + 256L * 10 + 10);
            BaseLayer hidden = (BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
            assertThat(hidden.getActivationFn()).isEqualTo(Activation.TANH.getActivationFunction());
            assertThat(hidden.getIUpdater()).isEqualTo(new Nesterovs(1e-3, 0.9));
            org.deeplearning4j.nn.conf.layers.OutputLayer out =
                    (org.deeplearning4j.nn.conf.layers.OutputLayer) net.getLayerWiseConfigurations().getConf(1).getLayer();
            assertThat(out.getActivationFn()).isEqualTo(Activation.SOFTMAX.getActivationFunction());
            assertThat(out.getLossFn()).isInstanceOf(LossMCXENT.class);
        } finally {
            net.close();
        }
    }

    @Test
    void zeroHiddenLayersIsSoftmaxRegression() {
        MultiLayerNetwork net = MlpNetworks.build(config(0, 0.5, ActivationFunction.RELU, Optimizer.SGD), 5, 3, 1);
        try {
            assertThat(net.getnLayers()).isEqualTo(1);
            assertThat(net.numParams()).isEqualTo(5 * 3 + 3);
        } finally {
            net.close();
        }
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
        MlpConfig config = config(1, 0, ActivationFunction.RELU, Optimizer.ADAM);

        INDArray a = MlpNetworks.build(config, 6, 3, 7).params().dup();
        INDArray b = MlpNetworks.build(config, 6, 3, 7).params().dup();
        INDArray c = MlpNetworks.build(config, 6, 3, 8).params().dup();

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void nd4jsRandomGeneratorIsPerThreadSoBuildingANetworkElsewhereDoesNotDisturbATrial() throws Exception {
        // Reference: what thread-local generator seeded with 1 yields, undisturbed.
        AtomicReference<Double> undisturbed = new AtomicReference<>();
        Thread reference = new Thread(() -> {
            Nd4j.getRandom().setSeed(1);
            undisturbed.set(Nd4j.getRandom().nextDouble());
        });
        reference.start();
        reference.join();

        // The same, while another thread seeds DL4J (Builder.seed and init) in between.
        CountDownLatch seeded = new CountDownLatch(1);
        CountDownLatch otherBuilt = new CountDownLatch(1);
        AtomicReference<Double> disturbed = new AtomicReference<>();
        Thread trial = new Thread(() -> {
            Nd4j.getRandom().setSeed(1);
            seeded.countDown();
            try {
                otherBuilt.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            disturbed.set(Nd4j.getRandom().nextDouble());
        });
        Thread other = new Thread(() -> {
            try {
                seeded.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            MlpNetworks.build(config(1, 0, ActivationFunction.RELU, Optimizer.ADAM), 6, 3, 999).close();
            otherBuilt.countDown();
        });
        trial.start();
        other.start();
        trial.join();
        other.join();

        assertThat(disturbed.get()).isEqualTo(undisturbed.get());
    }

    @Test
    void networksBuiltConcurrentlyOnTwoThreadsMatchTheirSequentialTwins() throws Exception {
        MlpConfig config = config(2, 0, ActivationFunction.RELU, Optimizer.ADAM);
        INDArray sequential5 = MlpNetworks.build(config, 6, 3, 5).params().dup();
        INDArray sequential6 = MlpNetworks.build(config, 6, 3, 6).params().dup();
        AtomicReference<INDArray> concurrent5 = new AtomicReference<>();
        AtomicReference<INDArray> concurrent6 = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        Thread t5 = new Thread(() -> {
            await(go);
            for (int i = 0; i < 20; i++) {
                concurrent5.set(MlpNetworks.build(config, 6, 3, 5).params().dup());
            }
        });
        Thread t6 = new Thread(() -> {
            await(go);
            for (int i = 0; i < 20; i++) {
                concurrent6.set(MlpNetworks.build(config, 6, 3, 6).params().dup());
            }
        });
        t5.start();
        t6.start();
        go.countDown();
        t5.join();
        t6.join();

        assertThat(concurrent5.get()).isEqualTo(sequential5);
        assertThat(concurrent6.get()).isEqualTo(sequential6);
    }

    @Test
    void everyActivationAndOptimizerBuildsAndTrainsToAFiniteScore() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 3, 1);
        }
        java.util.List<MlpConfig> configs = new java.util.ArrayList<>();
        for (ActivationFunction activation : ActivationFunction.values()) {
            configs.add(config(2, 0.1, activation, Optimizer.ADAM));
        }
        for (Optimizer optimizer : Optimizer.values()) {
            configs.add(config(2, 0.1, ActivationFunction.RELU, optimizer));
        }
        for (MlpConfig c : configs) {
            MultiLayerNetwork net = MlpNetworks.build(c, 4, 3, 1);
            try {
                net.fit(x, y);
                net.fit(x, y);
                assertThat(net.score()).as("%s with %s", c.activation(), c.optimizer()).isFinite().isPositive();
            } finally {
                net.close();
            }
        }
    }

    @Test
    void classicMomentumAccumulatesVelocityAndScalesByTheLearningRate() {
        ClassicMomentum config = new ClassicMomentum(0.1, 0.9);
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2);
        GradientUpdater<?> updater = config.instantiate(state, true);

        INDArray g1 = Nd4j.createFromArray(new float[] {1, 2}).reshape(1, 2);
        updater.applyUpdater(g1, 0, 0);
        INDArray g2 = Nd4j.createFromArray(new float[] {1, 2}).reshape(1, 2);
        updater.applyUpdater(g2, 1, 0);

        assertThat(g1.getDouble(0)).isCloseTo(0.1, within(1e-6));
        assertThat(g1.getDouble(1)).isCloseTo(0.2, within(1e-6));
        // v = 0.9 * [1, 2] + [1, 2] = [1.9, 3.8]; step = 0.1 * v
        assertThat(g2.getDouble(0)).isCloseTo(0.19, within(1e-6));
        assertThat(g2.getDouble(1)).isCloseTo(0.38, within(1e-6));
        assertThat(state.getDouble(1)).isCloseTo(3.8, within(1e-6));
    }

    @Test
    void aConfigurationWithClassicMomentumSurvivesDl4jsJsonRoundTrip() {
        MultiLayerConfiguration conf = MlpNetworks.configuration(config(1, 0, ActivationFunction.RELU, Optimizer.MOMENTUM), 4, 3, 1);

        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());

        assertThat(back).isEqualTo(conf);
        assertThat(((BaseLayer) back.getConf(0).getLayer()).getIUpdater()).isEqualTo(new ClassicMomentum(0.01, 0.9));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
