package io.hpo4j.trainers.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collection;

/**
 * A DL4J dense layer for the <em>first</em> layer of a network: the same parameters, forward pass
 * and parameter gradients as {@link DenseLayer}, but its backward pass does not compute the
 * gradient with respect to its input (DL4J's "epsilon"), which {@code MultiLayerNetwork} computes
 * for every layer and then throws away for layer 0. On a 784-input MLP that is one of the three
 * matrix products of the largest layer per minibatch. Like {@link HiddenDenseLayer}, whose
 * backward pass reuses the forward pass's pre-activation, it computes the forward product once
 * per step. Layer normalization (which hpo4j never configures) is refused.
 *
 * <p>Made by {@link #of(DenseLayer)} from a configured stock layer, whose settings it copies.
 */
public final class InputDenseLayer extends HiddenDenseLayer {

    /** For DL4J's configuration cloning and JSON; use {@link #of(DenseLayer)}. */
    public InputDenseLayer() {
    }

    /** The first-layer variant of {@code stock}, with all of its settings. */
    public static InputDenseLayer of(DenseLayer stock) {
        return copySettings(stock, new InputDenseLayer());
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return instantiate(conf, listeners, layerIndex, layerParamsView, initializeParams, c -> new Impl(c, networkDataType));
    }

    /** The layer itself: a {@link HiddenDenseLayer} whose backward pass stops at the parameters. */
    static final class Impl extends HiddenDenseLayer.Impl {

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
