package io.hpo4j.trainers.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hyperparameters of a multilayer perceptron and its training, validated. Built from a
 * trial's parameter map by {@link #fromParams(Map, Map)}, whose names are:
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>meaning</th><th>valid values</th><th>{@link #DEFAULTS default}</th></tr>
 *   <tr><td>{@code epochs}</td><td>passes over the training data</td><td>whole number &ge; 1</td><td>10</td></tr>
 *   <tr><td>{@code batch_size}</td><td>examples per minibatch</td><td>whole number &ge; 1</td><td>64</td></tr>
 *   <tr><td>{@code learning_rate}</td><td>the optimizer's step size</td><td>finite number &gt; 0</td><td>0.001</td></tr>
 *   <tr><td>{@code hidden_units}</td><td>units per hidden layer</td><td>whole number &ge; 1</td><td>128</td></tr>
 *   <tr><td>{@code layers}</td><td>number of hidden layers (0: softmax regression)</td><td>whole number &ge; 0</td><td>1</td></tr>
 *   <tr><td>{@code dropout}</td><td>probability of <em>dropping</em> a hidden unit's output, as in Keras</td><td>[0, 1)</td><td>0.0</td></tr>
 *   <tr><td>{@code activation}</td><td>hidden-layer activation</td><td>{@link ActivationFunction#keys()}</td><td>relu</td></tr>
 *   <tr><td>{@code optimizer}</td><td>the updater</td><td>{@link Optimizer#keys()}</td><td>adam</td></tr>
 * </table>
 *
 * <pre>{@code
 * MlpConfig config = MlpConfig.fromParams(trial.suggestAll(), MlpConfig.DEFAULTS);
 * }</pre>
 *
 * @param epochs       passes over the training data, at least 1
 * @param batchSize    examples per minibatch, at least 1
 * @param learningRate the optimizer's learning rate, finite and &gt; 0
 * @param hiddenUnits  units in each hidden layer, at least 1
 * @param layers       hidden layers, at least 0
 * @param dropout      probability of dropping a hidden unit's output during training, in [0, 1)
 * @param activation   the hidden layers' activation
 * @param optimizer    the updater
 */
public record MlpConfig(int epochs, int batchSize, double learningRate, int hiddenUnits, int layers,
                        double dropout, ActivationFunction activation, Optimizer optimizer) {

    public static final String EPOCHS = "epochs";
    public static final String BATCH_SIZE = "batch_size";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String HIDDEN_UNITS = "hidden_units";
    public static final String LAYERS = "layers";
    public static final String DROPOUT = "dropout";
    public static final String ACTIVATION = "activation";
    public static final String OPTIMIZER = "optimizer";

    /** The parameter names, in the order above. */
    public static final List<String> PARAMETERS = List.of(EPOCHS, BATCH_SIZE, LEARNING_RATE, HIDDEN_UNITS, LAYERS,
            DROPOUT, ACTIVATION, OPTIMIZER);

    /** hpo4j's documented defaults: 10 epochs, batches of 64, Adam at 0.001, one ReLU layer of 128, no dropout. */
    public static final Map<String, Object> DEFAULTS;

    static {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(EPOCHS, 10);
        d.put(BATCH_SIZE, 64);
        d.put(LEARNING_RATE, 1e-3);
        d.put(HIDDEN_UNITS, 128);
        d.put(LAYERS, 1);
        d.put(DROPOUT, 0.0);
        d.put(ACTIVATION, "relu");
        d.put(OPTIMIZER, "adam");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    public MlpConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException(EPOCHS + ": must be >= 1, but got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException(BATCH_SIZE + ": must be >= 1, but got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException(LEARNING_RATE + ": must be a finite number > 0, but got " + learningRate);
        }
        if (hiddenUnits < 1) {
            throw new IllegalArgumentException(HIDDEN_UNITS + ": must be >= 1, but got " + hiddenUnits);
        }
        if (layers < 0) {
            throw new IllegalArgumentException(LAYERS + ": must be >= 0 (0 for no hidden layer), but got " + layers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(DROPOUT + ": must be in [0, 1) (the probability of dropping a unit), but got " + dropout);
        }
        if (activation == null) {
            throw new IllegalArgumentException(ACTIVATION + ": must be one of " + ActivationFunction.keys() + ", but got null");
        }
        if (optimizer == null) {
            throw new IllegalArgumentException(OPTIMIZER + ": must be one of " + Optimizer.keys() + ", but got null");
        }
    }

    /**
     * The configuration named by {@code params}, each missing parameter taken from {@code defaults}.
     *
     * @param params   a trial's parameters (numbers may be any {@link Number} holding a valid value,
     *                 or a numeric string; names are strings)
     * @param defaults values for parameters missing from {@code params}; e.g. {@link #DEFAULTS}
     * @throws IllegalArgumentException naming the parameter and its value if one is unknown,
     *                                  missing from both maps, of the wrong type or out of range
     */
    public static MlpConfig fromParams(Map<String, ?> params, Map<String, ?> defaults) {
        List<String> unknown = new ArrayList<>();
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown parameter" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + "; an MLP takes " + PARAMETERS);
        }
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        merged.putAll(params);
        return new MlpConfig(
                wholeNumber(merged, EPOCHS),
                wholeNumber(merged, BATCH_SIZE),
                realNumber(merged, LEARNING_RATE),
                wholeNumber(merged, HIDDEN_UNITS),
                wholeNumber(merged, LAYERS),
                realNumber(merged, DROPOUT),
                ActivationFunction.parse(text(merged, ACTIVATION)),
                Optimizer.parse(text(merged, OPTIMIZER)));
    }

    /** This configuration as a parameter map (the inverse of {@link #fromParams}), in {@link #PARAMETERS} order. */
    public Map<String, Object> toParams() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(EPOCHS, epochs);
        map.put(BATCH_SIZE, batchSize);
        map.put(LEARNING_RATE, learningRate);
        map.put(HIDDEN_UNITS, hiddenUnits);
        map.put(LAYERS, layers);
        map.put(DROPOUT, dropout);
        map.put(ACTIVATION, activation.key());
        map.put(OPTIMIZER, optimizer.key());
        return Collections.unmodifiableMap(map);
    }

    private static Object required(Map<String, Object> params, String name) {
        Object v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + ": missing; it is neither in the trial's parameters nor in the defaults");
        }
        return v;
    }

    private static int wholeNumber(Map<String, Object> params, String name) {
        Object v = required(params, name);
        double d = numeric(name, v, "a whole number");
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": must be a whole number, but got " + v);
        }
        return (int) d;
    }

    private static double realNumber(Map<String, Object> params, String name) {
        return numeric(name, required(params, name), "a number");
    }

    private static double numeric(String name, Object v, String expected) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException(name + ": must be " + expected + ", but got " + describe(v));
    }

    private static String text(Map<String, Object> params, String name) {
        Object v = required(params, name);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(name + ": must be a name, but got " + describe(v));
        }
        return s;
    }

    private static String describe(Object v) {
        return v instanceof String s ? "'" + s + "'" : v + " (" + v.getClass().getSimpleName() + ")";
    }
}
