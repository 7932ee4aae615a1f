package io.hpo4j.trainers.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class JavaAdamTest {

    private static INDArray randomGradient(SplittableRandom random, int n, double scale) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = (float) ((random.nextDouble() - 0.5) * scale);
        }
        return Nd4j.create(g, new long[] {1, n}, DataType.FLOAT);
    }

    @Test
    void knowsHowTheLoadedNativesRoundSoTheJavaLoopIsUsed() {
        // the AVX2 natives this build loads fuse multiply-adds; a generic build would not, and either is
        // matched bit for bit. NATIVE (DL4J's op for every step) would mean the speed-up is lost.
        assertThat(JavaAdamUpdater.ARITHMETIC).isIn(JavaAdamUpdater.Arithmetic.FUSED, JavaAdamUpdater.Arithmetic.PLAIN);
        assertThat(JavaAdamUpdater.JAVA_LOOP).as("the tests' JVM runs C2").isTrue();
    }

    @Test
    void runsTheJavaLoopOnlyWhereC2CompilesIt() {
        Optional<String> on = Optional.of("true");
        Optional<String> off = Optional.of("false");
        assertThat(JavaAdamUpdater.vectorizingJit(on, Optional.of("4"), "mixed mode, sharing")).isTrue();
        assertThat(JavaAdamUpdater.vectorizingJit(off, Optional.of("4"), "mixed mode")).as("-XX:-TieredCompilation: C2 alone").isTrue();
        assertThat(JavaAdamUpdater.vectorizingJit(on, Optional.of("1"), "mixed mode")).as("-XX:TieredStopAtLevel=1").isFalse();
        assertThat(JavaAdamUpdater.vectorizingJit(on, Optional.of("4"), "interpreted mode")).as("-Xint").isFalse();
        assertThat(JavaAdamUpdater.vectorizingJit(Optional.empty(), Optional.empty(), "")).as("not HotSpot").isFalse();
    }

    @Test
    void takesTheStepsOfDl4jsNativeAdamOverManyIterations() {
        int n = 1_003; // not a multiple of a vector width: the loop's tail counts too
        Adam settings = new Adam(3e-3, 0.8, 0.99, 1e-7);
        INDArray nativeState = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
        INDArray javaState = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
        GradientUpdater<?> stock = settings.instantiate(nativeState, true);
        GradientUpdater<?> ours = JavaAdam.of(settings).instantiate(javaState, true);
        assertThat(stock).isExactlyInstanceOf(AdamUpdater.class);
        assertThat(ours).isExactlyInstanceOf(JavaAdamUpdater.class);
        SplittableRandom random = new SplittableRandom(7);
        for (int iteration = 0; iteration < 60; iteration++) {
            INDArray g = randomGradient(random, n, iteration < 30 ? 1e-2 : 10); // small, then large gradients
            INDArray expected = g.dup();
            INDArray got = g.dup();
            stock.applyUpdater(expected, iteration, 0);
            ours.applyUpdater(got, iteration, 0);
            assertThat(got).as("update, iteration %d", iteration).isEqualTo(expected);
            assertThat(javaState).as("m and v, iteration %d", iteration).isEqualTo(nativeState);
        }
        assertThat(javaState.sumNumber().doubleValue()).isNotZero();
    }

    @Test
    void followsALearningRateScheduleAndUpdatesAGradientThatIsAViewIntoALargerArray() {
        int n = 40;
        Adam settings = new Adam(new ExponentialSchedule(ScheduleType.ITERATION, 1e-2, 0.9));
        INDArray nativeState = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
        INDArray javaState = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
        GradientUpdater<?> stock = settings.instantiate(nativeState, true);
        GradientUpdater<?> ours = JavaAdam.of(settings).instantiate(javaState, true);
        SplittableRandom random = new SplittableRandom(3);
        for (int iteration = 0; iteration < 10; iteration++) {
            INDArray whole = randomGradient(random, 3 * n, 1);
            INDArray expected = whole.dup().get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(n, 2L * n));
            INDArray gotWhole = whole.dup();
            INDArray got = gotWhole.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(n, 2L * n));
            stock.applyUpdater(expected, iteration, 0);
            ours.applyUpdater(got, iteration, 0);
            assertThat(got).isEqualTo(expected);
            // the rest of the larger array is left alone
            assertThat(gotWhole.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(0, n)))
                    .isEqualTo(whole.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(0, n)));
        }
    }

    @Test
    void isTheUpdaterOfBuiltNetworksAndModelFilesNameDl4jsOwnAdam() {
        MlpConfig config = MlpConfig.fromParams(Map.of("hidden_units", 8, "layers", 2, "optimizer", "adam",
                "learning_rate", 2e-3, "epochs", 1), MlpConfig.DEFAULTS);
        MultiLayerNetwork net = MlpNetworks.build(config, 5, 3, 1);
        String built = net.getLayerWiseConfigurations().toJson();
        String stock = MlpNetworks.stockConfiguration(net.getLayerWiseConfigurations()).toJson();
        assertThat(built).contains(JavaAdam.class.getName());
        assertThat(stock).doesNotContain("io.hpo4j").contains("org.nd4j.linalg.learning.config.Adam");
        Adam adam = (Adam) MlpNetworks.stockConfiguration(net.getLayerWiseConfigurations()).getConf(0).getLayer().getUpdaterByParam("W");
        assertThat(adam.getLearningRate()).isEqualTo(2e-3);
        assertThat(adam.getClass()).isEqualTo(Adam.class);
        // and the configuration round-trips through DL4J's JSON, as a network's clone does
        assertThat(org.deeplearning4j.nn.conf.MultiLayerConfiguration.fromJson(built).getConf(1).getLayer().getUpdaterByParam("W"))
                .isInstanceOf(JavaAdam.class);
        net.close();
    }

    @Test
    void aModelTrainedWithClassicMomentumNamesAStockDl4jUpdater() {
        MlpConfig config = MlpConfig.fromParams(Map.of("hidden_units", 8, "optimizer", "momentum", "learning_rate", 0.05,
                "epochs", 1), MlpConfig.DEFAULTS);
        MultiLayerNetwork net = MlpNetworks.build(config, 5, 3, 1);
        String stock = MlpNetworks.stockConfiguration(net.getLayerWiseConfigurations()).toJson();
        assertThat(stock).doesNotContain("io.hpo4j").contains("Nesterovs");
        net.close();
    }
}
