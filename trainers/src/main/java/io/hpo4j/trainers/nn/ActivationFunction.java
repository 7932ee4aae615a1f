package io.hpo4j.trainers.nn;

import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hidden-layer activations an {@link MlpConfig} may name, each with DL4J's activation and the
 * weight initialization that suits it: He ({@link WeightInit#RELU}) for the ReLU family, LeCun
 * normal for SELU (which needs it to self-normalize), Xavier for the saturating tanh and sigmoid.
 */
public enum ActivationFunction {
    RELU("relu", Activation.RELU, WeightInit.RELU),
    LEAKYRELU("leakyrelu", Activation.LEAKYRELU, WeightInit.RELU),
    ELU("elu", Activation.ELU, WeightInit.RELU),
    SELU("selu", Activation.SELU, WeightInit.LECUN_NORMAL),
    GELU("gelu", Activation.GELU, WeightInit.RELU),
    SWISH("swish", Activation.SWISH, WeightInit.RELU),
    MISH("mish", Activation.MISH, WeightInit.RELU),
    TANH("tanh", Activation.TANH, WeightInit.XAVIER),
    SIGMOID("sigmoid", Activation.SIGMOID, WeightInit.XAVIER);

    private final String key;
    private final Activation dl4j;
    private final WeightInit weightInit;

    ActivationFunction(String key, Activation dl4j, WeightInit weightInit) {
        this.key = key;
        this.dl4j = dl4j;
        this.weightInit = weightInit;
    }

    /** The name used in search spaces and study files, e.g. {@code leakyrelu}. */
    public String key() {
        return key;
    }

    public Activation dl4j() {
        return dl4j;
    }

    public WeightInit weightInit() {
        return weightInit;
    }

    /** Every supported name, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(ActivationFunction::key).toList();
    }

    /**
     * The activation named {@code text} (any case; {@code leaky_relu} and {@code silu} are accepted as aliases).
     *
     * @throws IllegalArgumentException listing the supported names
     */
    public static ActivationFunction parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("leaky_relu")) {
            t = "leakyrelu";
        } else if (t.equals("silu")) {
            t = "swish";
        }
        for (ActivationFunction a : values()) {
            if (a.key.equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation must be one of " + keys() + ", but got '" + text + "'");
    }
}
