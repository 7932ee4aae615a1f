package io.hpo4j.trainers;

import io.hpo4j.trainers.model.TrainedModel;
import io.hpo4j.tuner.Trial;

import java.util.function.Supplier;

/**
 * Where an {@link MlpTrainer} offers the network of each trial that completes: the weights of its
 * best epoch (restore-best-weights, as Keras' {@code EarlyStopping(restore_best_weights=True)}),
 * with the feature scaling of the training data. A keeper decides whether the trial is worth
 * keeping (say, among the study's best K) and only then asks for the model, so offering costs
 * nothing for trials it does not keep.
 *
 * <p>The model handed out by {@code model.get()} is valid only during the call: serialize it
 * ({@link io.hpo4j.trainers.model.ModelFile#toBytes}), do not close or keep it. Called on the
 * trial's thread; implementations must be thread-safe, as trials run in parallel.
 */
@FunctionalInterface
public interface ModelKeeper {

    /** A keeper that keeps nothing (the trainer then does not even copy the best weights). */
    ModelKeeper NONE = (trial, value, model) -> { };

    /**
     * @param trial the trial, still RUNNING, about to complete with {@code value}
     * @param value the trial's objective value (its best epoch's)
     * @param model the best epoch's network, built on demand
     */
    void offer(Trial trial, double value, Supplier<TrainedModel> model);
}
