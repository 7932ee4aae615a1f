package io.hpo4j.trainers;

import io.hpo4j.tuner.space.SearchSpace;

/**
 * Search spaces over the parameters {@link MlpTrainer} understands.
 *
 * <pre>{@code
 * Study study = Study.builder("mlp").searchSpace(MlpSearchSpaces.defaults()).build();
 * }</pre>
 */
public final class MlpSearchSpaces {

    private static final SearchSpace DEFAULTS = SearchSpace.builder()
            .addInt("epochs", 3, 20)
            .addCategorical("batch_size", 32, 64, 128, 256, 512)
            .addLogFloat("learning_rate", 1e-4, 1e-1)
            .addLogInt("hidden_units", 32, 512)
            .addInt("layers", 1, 3)
            .addFloat("dropout", 0.0, 0.5)
            .addCategorical("activation", "relu", "tanh", "sigmoid")
            .addCategorical("optimizer", "sgd", "momentum", "nesterov", "rmsprop", "adam", "adagrad")
            .build();

    private MlpSearchSpaces() {
    }

    /**
     * hpo4j's default space, the one of the demo, the examples and the benchmarks: epochs int
     * 3..20, batch_size {32, 64, 128, 256, 512}, learning_rate float log 1e-4..1e-1, hidden_units
     * int log 32..512, layers int 1..3, dropout float 0.0..0.5, activation {relu, tanh, sigmoid},
     * optimizer {sgd, momentum, nesterov, rmsprop, adam, adagrad}.
     */
    public static SearchSpace defaults() {
        return DEFAULTS;
    }
}
