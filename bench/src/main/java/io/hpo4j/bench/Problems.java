package io.hpo4j.bench;

import io.hpo4j.tuner.space.SearchSpace;

import java.util.List;
import java.util.Map;

/**
 * Standard test functions on mixed search spaces: floats (continuous, stepped, log-scale), ints
 * (linear, log-scale) and categoricals that add an offset or change the function. Each has its
 * optimum, 0, at a point of the space.
 */
public final class Problems {

    private Problems() {
    }

    /** All problems, in table order. */
    public static List<Problem> all() {
        return List.of(rastrigin(), rosenbrock(), ackley(), levy(), syntheticMlp());
    }

    /** Rastrigin in 4 dimensions (two floats, an int, a stepped float) plus a categorical offset. */
    static Problem rastrigin() {
        SearchSpace space = SearchSpace.builder()
                .addFloat("x1", -5.12, 5.12)
                .addFloat("x2", -5.12, 5.12)
                .addInt("x3", -5, 5)
                .addFloat("x4", -5, 5, 0.25)
                .addCategorical("offset", 0, 1, 3)
                .build();
        return new Problem("rastrigin", "Rastrigin(x1..x4), x3 int, x4 step 0.25, + categorical offset {0,1,3}", space,
                p -> rastrigin(d(p, "x1"), d(p, "x2"), d(p, "x3"), d(p, "x4")) + d(p, "offset"), 0);
    }

    /** Rosenbrock in 4 dimensions (floats, a stepped float, an int); a categorical scales it by 1 or 10. */
    static Problem rosenbrock() {
        SearchSpace space = SearchSpace.builder()
                .addFloat("x1", -2, 2)
                .addFloat("x2", -2, 2)
                .addFloat("x3", -2, 2, 0.1)
                .addInt("x4", -2, 3)
                .addCategorical("scale", 1, 10)
                .build();
        return new Problem("rosenbrock", "Rosenbrock(x1..x4), x3 step 0.1, x4 int, times categorical scale {1,10}", space,
                p -> rosenbrock(d(p, "x1"), d(p, "x2"), d(p, "x3"), d(p, "x4")) * d(p, "scale"), 0);
    }

    /**
     * Ackley in 4 coordinates: two floats, log10 of a log-scale float {@code lr} (optimum 1e-3)
     * and log2 of a log-scale int {@code units} (optimum 32); a categorical activation adds an
     * offset.
     */
    static Problem ackley() {
        SearchSpace space = SearchSpace.builder()
                .addFloat("x1", -32.768, 32.768)
                .addFloat("x2", -32.768, 32.768)
                .addLogFloat("lr", 1e-5, 1)
                .addLogInt("units", 1, 1024)
                .addCategorical("activation", "relu", "tanh", "sigmoid")
                .build();
        Map<Object, Double> offset = Map.of("relu", 0.0, "tanh", 0.5, "sigmoid", 1.5);
        return new Problem("ackley", "Ackley(x1, x2, log10 lr + 3, log2 units - 5), lr log float, units log int, + activation offset",
                space, p -> ackley(d(p, "x1"), d(p, "x2"), Math.log10(d(p, "lr")) + 3, log2(d(p, "units")) - 5)
                        + offset.get(p.get("activation")), 0);
    }

    /** Levy in 4 dimensions (floats, an int, a stepped float) plus a categorical offset. */
    static Problem levy() {
        SearchSpace space = SearchSpace.builder()
                .addFloat("x1", -10, 10)
                .addFloat("x2", -10, 10)
                .addInt("x3", -10, 10)
                .addFloat("x4", -10, 10, 0.5)
                .addCategorical("optimizer", "sgd", "adam", "rmsprop", "nesterov")
                .build();
        Map<Object, Double> offset = Map.of("sgd", 1.0, "adam", 0.0, "rmsprop", 0.25, "nesterov", 2.0);
        return new Problem("levy", "Levy(x1..x4), x3 int, x4 step 0.5, + optimizer offset", space,
                p -> levy(d(p, "x1"), d(p, "x2"), d(p, "x3"), d(p, "x4")) + offset.get(p.get("optimizer")), 0);
    }

    /**
     * A made-up loss surface shaped like an MLP search (8 parameters, 3 of them categorical):
     * bowls in the log learning rate (whose best value depends on the optimizer), log units,
     * layers, dropout and log L2, a ripple in the learning rate, and offsets per batch size,
     * activation and optimizer. Optimum 0 at adam, lr 1e-3, 128 units, 3 layers, dropout 0.2,
     * L2 1e-4, batch 64, relu.
     */
    static Problem syntheticMlp() {
        SearchSpace space = SearchSpace.builder()
                .addInt("layers", 1, 4)
                .addLogInt("units", 8, 512)
                .addLogFloat("lr", 1e-5, 1e-1)
                .addFloat("dropout", 0, 0.6, 0.05)
                .addLogFloat("l2", 1e-6, 1e-2)
                .addCategorical("batch", 16, 32, 64, 128, 256)
                .addCategorical("activation", "relu", "elu", "tanh", "sigmoid")
                .addCategorical("optimizer", "sgd", "adam", "rmsprop")
                .build();
        Map<Object, Double> bestLogLr = Map.of("sgd", -1.5, "adam", -3.0, "rmsprop", -3.5);
        Map<Object, Double> optimizerOffset = Map.of("sgd", 0.2, "adam", 0.0, "rmsprop", 0.1);
        Map<Object, Double> batchOffset = Map.of(16, 0.3, 32, 0.1, 64, 0.0, 128, 0.1, 256, 0.4);
        Map<Object, Double> activationOffset = Map.of("relu", 0.0, "elu", 0.05, "tanh", 0.3, "sigmoid", 0.8);
        return new Problem("synthetic-mlp", "8-parameter MLP-like bowl: lr optimum depends on optimizer; ints, log, step, 3 categoricals",
                space, p -> {
                    double a = Math.log10(d(p, "lr")) - bestLogLr.get(p.get("optimizer"));
                    double value = a * a + 0.2 * (1 - Math.cos(2 * Math.PI * a));
                    value += Math.pow(log2(d(p, "units")) - 7, 2) / 4;
                    value += 0.5 * Math.pow(d(p, "layers") - 3, 2);
                    value += 0.2 * Math.pow((d(p, "dropout") - 0.2) / 0.1, 2);
                    value += 0.25 * Math.pow(Math.log10(d(p, "l2")) + 4, 2);
                    value += optimizerOffset.get(p.get("optimizer")) + batchOffset.get(p.get("batch"))
                            + activationOffset.get(p.get("activation"));
                    return value;
                }, 0);
    }

    static double rastrigin(double... z) {
        double sum = 10.0 * z.length;
        for (double x : z) {
            sum += x * x - 10 * Math.cos(2 * Math.PI * x);
        }
        return sum;
    }

    static double rosenbrock(double... z) {
        double sum = 0;
        for (int i = 0; i < z.length - 1; i++) {
            sum += 100 * Math.pow(z[i + 1] - z[i] * z[i], 2) + Math.pow(1 - z[i], 2);
        }
        return sum;
    }

    static double ackley(double... z) {
        double squares = 0;
        double cosines = 0;
        for (double x : z) {
            squares += x * x;
            cosines += Math.cos(2 * Math.PI * x);
        }
        int n = z.length;
        return -20 * Math.exp(-0.2 * Math.sqrt(squares / n)) - Math.exp(cosines / n) + 20 + Math.E;
    }

    static double levy(double... z) {
        int n = z.length;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 + (z[i] - 1) / 4;
        }
        double sum = Math.pow(Math.sin(Math.PI * w[0]), 2);
        for (int i = 0; i < n - 1; i++) {
            sum += Math.pow(w[i] - 1, 2) * (1 + 10 * Math.pow(Math.sin(Math.PI * w[i] + 1), 2));
        }
        sum += Math.pow(w[n - 1] - 1, 2) * (1 + Math.pow(Math.sin(2 * Math.PI * w[n - 1]), 2));
        return sum;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double d(Map<String, Object> params, String name) {
        return ((Number) params.get(name)).doubleValue();
    }
}
