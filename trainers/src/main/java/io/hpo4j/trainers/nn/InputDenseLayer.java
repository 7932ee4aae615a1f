package io.hpo4j.trainers.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

/**
 * A DL4J dense layer for the <em>first</em> layer of a network: the same parameters, forward pass
 * and parameter gradients as {@link DenseLayer}, but its backward pass does not compute the
 * gradient with respect to its input (DL4J's "epsilon"), which {@code MultiLayerNetwork} computes
 * for every layer and then throws away for layer 0. On a 784-input MLP that is one of the three
 * matrix products of the largest layer per minibatch. Layer normalization (which hpo4j never
 * configures) is refused.
 *
 * <p>Made by {@link #of(DenseLayer)} from a configured stock layer, whose settings it copies.
 */
public final class InputDenseLayer extends DenseLayer {

    /** For DL4J's configuration cloning and JSON; use {@link #of(DenseLayer)}. */
    public InputDenseLayer() {
    }

    /** The first-layer variant of {@code stock}, with all of its settings. */
    public static InputDenseLayer of(DenseLayer stock) {
        if (stock.hasLayerNorm()) {
            throw new IllegalArgumentException("InputDenseLayer does not support layer normalization, but got " + stock);
        }
        InputDenseLayer layer = new InputDenseLayer();
        // the configuration classes are plain beans (Lombok) spread over four classes: copy every field
        for (Class<?> c = DenseLayer.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(layer, f.get(stock));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy " + c.getSimpleName() + "." + f.getName() + " of a DL4J DenseLayer", e);
                }
            }
        }
        return layer;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("InputDenseLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        Impl layer = new Impl(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        ParamInitializer initializer = initializer();
        Map<String, INDArray> params = initializer.init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** The layer itself: DL4J's dense layer with a backward pass that stops at the parameters. */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
            INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst(); // dL/dz
            if (maskArray != null) {
                applyMask(delta);
            }
            Gradient gradient = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                delta.sum(biasGradient, 0);
                gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
            }
            INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            Nd4j.gemm(input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0); // x^T . delta
            gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
            weightNoiseParams.clear();
            return new Pair<>(gradient, null); // no input gradient: nothing below the first layer needs one
        }
    }
}
