package io.hpo4j.tuner;

/**
 * What a study optimizes: a function from a trial's hyperparameters to a value. Anything can be
 * an objective, a DL4J network or a plain mathematical function.
 *
 * <pre>{@code
 * Objective quadratic = trial -> {
 *     double x = trial.suggestFloat("x", -10, 10);
 *     return (x - 2) * (x - 2);
 * };
 * }</pre>
 *
 * <p>To stop early because a pruner said so, throw {@link TrialPrunedException}. Any other
 * exception marks the trial FAIL with the exception as its reason; then {@link Study#optimize}
 * stops and rethrows it, unless {@link OptimizeOptions#withCatch} lists it (then the study goes
 * on). A NaN or infinite value marks the trial FAIL and the study goes on.
 */
@FunctionalInterface
public interface Objective {
    double evaluate(Trial trial) throws Exception;

    /**
     * What the value (and the intermediate values) measure, recorded with each trial that
     * {@code Study.optimize} runs; empty (the default) if the objective does not say.
     */
    default java.util.Optional<ObjectiveMetric> metric() {
        return java.util.Optional.empty();
    }
}
