package io.hpo4j.trainers;

import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.trainers.nn.MlpNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BestWeightsTest {

    /** A scripted curve: the weights of epochs 1..4 are set by hand, epoch 2 is the best; training goes on to 4. */
    @Test
    void restoresTheBestEpochsWeightsNotTheLastOnes() {
        MultiLayerNetwork net = MlpNetworks.build(MlpConfig.fromParams(Map.of("hidden_units", 4, "layers", 1), MlpConfig.DEFAULTS), 3, 2, 1);
        double[] score = {0.5, 0.9, 0.7, 0.6};
        float[][] epochParams = new float[4][];
        try (BestWeights best = new BestWeights()) {
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int epoch = 1; epoch <= 4; epoch++) {
                net.setParams(Nd4j.rand(net.params().dataType(), 1, net.numParams()));
                epochParams[epoch - 1] = net.params().toFloatVector();
                if (score[epoch - 1] > bestScore) {
                    bestScore = score[epoch - 1];
                    best.remember(epoch, net);
                }
            }

            best.restore(net);

            assertThat(best.epoch()).isEqualTo(2);
            assertThat(net.params().toFloatVector()).containsExactly(epochParams[1]);
            assertThat(net.params().toFloatVector()).isNotEqualTo(epochParams[3]);
        } finally {
            net.close();
        }
    }
}
