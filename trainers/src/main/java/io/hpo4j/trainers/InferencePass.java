package io.hpo4j.trainers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * A network's output in inference mode, computed with the same native operations DL4J's
 * {@code MultiLayerNetwork.output(x, false)} runs for a stack of dense layers, in the same order
 * and into arrays of the same layout, so the result is bit for bit the same; but into arrays kept
 * from one call to the next, and without DL4J's per-call workspaces, validation and copies. On the
 * demo network that is about a quarter of the measuring passes' time.
 *
 * <p>For each layer: {@code z = h W} into a column-major array (as DL4J's dense layers do), then
 * {@code z += b} row by row, then the layer's activation function in place. Only networks for which
 * that is exactly what DL4J does are {@linkplain #supports supported}: dense and output layers with a
 * bias, no layer normalization, no weight noise and no input pre-processors. Dropout does nothing in
 * inference mode, in DL4J as here.
 *
 * <p>One instance per trial and thread, like {@link Minibatches}: the arrays it returns are valid
 * until its next call for the same row count, and {@link #close()} frees them.
 */
final class InferencePass implements AutoCloseable {

    /** The activations of each layer, by row count (the batch size and a shorter last batch). */
    private final Map<Long, INDArray[]> activations = new HashMap<>();

    /**
     * Whether {@link #output} computes exactly what {@code net.output(x, false)} does for {@code net}.
     */
    static boolean supports(MultiLayerNetwork net) {
        if (!net.getLayerWiseConfigurations().getInputPreProcessors().isEmpty()) {
            return false;
        }
        for (Layer layer : net.getLayers()) {
            boolean dense = layer instanceof org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
            boolean output = layer.getClass() == OutputLayer.class;
            if (!dense && !output) {
                return false;
            }
            if (!(layer.conf().getLayer() instanceof BaseLayer conf) || conf.getWeightNoise() != null) {
                return false;
            }
            if (conf instanceof DenseLayer d && (!d.hasBias() || d.hasLayerNorm())) {
                return false;
            }
            if (conf instanceof org.deeplearning4j.nn.conf.layers.OutputLayer o && !o.hasBias()) {
                return false;
            }
            if (layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType() != DataType.FLOAT) {
                return false;
            }
        }
        return true;
    }

    /**
     * The output of {@code net} (which must be {@linkplain #supports supported}) for the rows of
     * {@code x}, in inference mode: valid until the next call with as many rows; do not close it.
     */
    INDArray output(MultiLayerNetwork net, INDArray x) {
        long rows = x.size(0);
        Layer[] layers = net.getLayers();
        INDArray h = x;
        for (int i = 0; i < layers.length; i++) {
            INDArray w = layers[i].getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray b = layers[i].getParam(DefaultParamInitializer.BIAS_KEY);
            INDArray z = activations(layers.length, i, rows, w.size(1));
            h.mmuli(w, z);
            z.addiRowVector(b);
            IActivation activation = ((BaseLayer) layers[i].conf().getLayer()).getActivationFn();
            activation.getActivation(z, false); // in place, as in DL4J's layers
            h = z;
        }
        return h;
    }

    private INDArray activations(int layers, int layer, long rows, long units) {
        INDArray[] byLayer = activations.get(rows);
        if (byLayer == null || byLayer.length != layers) {
            if (byLayer != null) {
                close(byLayer);
            }
            byLayer = new INDArray[layers];
            activations.put(rows, byLayer);
        }
        INDArray z = byLayer[layer];
        if (z == null || z.size(1) != units) {
            if (z != null) {
                z.close();
            }
            z = Nd4j.createUninitializedDetached(DataType.FLOAT, 'f', rows, units);
            byLayer[layer] = z;
        }
        return z;
    }

    private static void close(INDArray[] arrays) {
        for (INDArray z : arrays) {
            if (z != null) {
                z.close();
            }
        }
    }

    /** Frees the kept arrays now rather than when the garbage collector notices. */
    @Override
    public void close() {
        activations.values().forEach(InferencePass::close);
        activations.clear();
    }
}
