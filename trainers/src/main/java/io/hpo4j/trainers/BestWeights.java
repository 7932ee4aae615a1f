package io.hpo4j.trainers;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A copy of a network's parameters at its best epoch so far, in memory (one flat array the size of
 * the network), so that the best epoch's weights can be restored after training went on, as
 * Keras' {@code restore_best_weights}. One per trial; not thread-safe.
 */
final class BestWeights implements AutoCloseable {

    private INDArray params;
    private int epoch;

    /** Copies {@code net}'s current parameters as those of {@code epoch}. */
    void remember(int epoch, MultiLayerNetwork net) {
        if (params == null) {
            params = net.params().dup();
        } else {
            params.assign(net.params());
        }
        this.epoch = epoch;
    }

    /** The epoch remembered; 0 if none. */
    int epoch() {
        return epoch;
    }

    /** Puts the remembered parameters back into {@code net}. */
    void restore(MultiLayerNetwork net) {
        if (params == null) {
            throw new IllegalStateException("no epoch's weights were remembered");
        }
        net.setParams(params);
    }

    @Override
    public void close() {
        if (params != null) {
            params.close();
            params = null;
        }
    }
}
