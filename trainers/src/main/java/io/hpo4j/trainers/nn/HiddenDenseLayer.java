package io.hpo4j.trainers.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * A DL4J dense layer that learns exactly as {@link DenseLayer} but does not compute its forward
 * pass twice per training step.
 *
 * <p>DL4J's {@code BaseLayer.backpropGradient} recomputes the layer's pre-activation
 * {@code z = x W + b} (a matrix product as large as the forward pass's), because the forward pass
 * applies the activation function in place and so overwrites {@code z}. This layer keeps a copy
 * of {@code z} when the forward pass runs in training mode and hands it to the backward pass that
 * follows: one copy of a {@code batch x units} array instead of a {@code batch x inputs x units}
 * product. The copy is used once, by the next backward pass on the same input array, and the
 * arithmetic is the same, so the gradients are bit for bit those of the stock layer
 * ({@code HiddenDenseLayerTest}). Layer normalization (which hpo4j never configures) is refused.
 *
 * <p>Made by {@link #of(DenseLayer)} from a configured stock layer, whose settings it copies;
 * {@link MlpNetworks#stockConfiguration} turns a network's configuration back into stock layers
 * (for model files that plain DL4J programs load).
 */
public class HiddenDenseLayer extends DenseLayer {

    /** For DL4J's configuration cloning and JSON; use {@link #of(DenseLayer)}. */
    public HiddenDenseLayer() {
    }

    /** The variant of {@code stock}, with all of its settings. */
    public static HiddenDenseLayer of(DenseLayer stock) {
        return copySettings(stock, new HiddenDenseLayer());
    }

    /**
     * Copies every setting of {@code from} into {@code to} (DL4J's configuration classes are plain
     * beans spread over four classes up to {@link DenseLayer}); returns {@code to}.
     */
    static <T extends DenseLayer> T copySettings(DenseLayer from, T to) {
        if (from.hasLayerNorm()) {
            throw new IllegalArgumentException(to.getClass().getSimpleName() + " does not support layer normalization, but got " + from);
        }
        for (Class<?> c = DenseLayer.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy " + c.getSimpleName() + "." + f.getName() + " of a DL4J DenseLayer", e);
                }
            }
        }
        return to;
    }

    /** The stock DL4J layer with this layer's settings. */
    public DenseLayer toStock() {
        DenseLayer stock = new DenseLayer.Builder().build();
        copySettings(this, stock);
        return stock;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return instantiate(conf, listeners, layerIndex, layerParamsView, initializeParams, c -> new Impl(c, networkDataType));
    }

    /** DL4J's {@code DenseLayer.instantiate}, with the runtime layer {@code create} makes. */
    final Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                            INDArray layerParamsView, boolean initializeParams, Function<NeuralNetConfiguration, Impl> create) {
        LayerValidation.assertNInNOutSet(getClass().getSimpleName(), getLayerName(), layerIndex, getNIn(), getNOut());
        Impl layer = create.apply(conf);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        ParamInitializer initializer = initializer();
        Map<String, INDArray> params = initializer.init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** The runtime layer: DL4J's dense layer, whose backward pass reuses the forward pass's {@code z}. */
    static class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

        /** Copies of z by row count (the batch size and a shorter last batch), reused step after step. */
        private final Map<Long, INDArray> copies = new java.util.HashMap<>();
        /** The copy the next backward pass may use, and the input array it was computed from. */
        private INDArray pending;
        private INDArray pendingInput;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
            if (forBackprop && pending != null && pendingInput == input) {
                INDArray z = pending;
                pending = null;
                pendingInput = null;
                return new Pair<>(z, z); // without layer normalization DL4J's pre-norm output is z itself
            }
            pending = null;
            pendingInput = null;
            Pair<INDArray, INDArray> computed = super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
            if (training && !forBackprop) {
                INDArray z = computed.getFirst();
                INDArray copy = copies.get(z.size(0));
                if (copy == null || copy.ordering() != z.ordering() || !Arrays.equals(copy.shape(), z.shape()) || copy.dataType() != z.dataType()) {
                    if (copy != null) {
                        copy.close();
                    }
                    copy = Nd4j.createUninitializedDetached(z.dataType(), z.ordering(), z.shape());
                    copies.put(z.size(0), copy);
                }
                copy.assign(z); // before the activation function overwrites z in place
                pending = copy;
                pendingInput = input;
            }
            return computed;
        }

        @Override
        public void clear() {
            super.clear();
            pending = null;
            pendingInput = null;
        }
    }
}
