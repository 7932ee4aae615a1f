package io.hpo4j.bench;

import io.hpo4j.tuner.space.SearchSpace;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A cheap objective with a known optimum over a declared search space, to be minimized.
 *
 * @param name        short name, as in the tables
 * @param description what it is, one line
 * @param space       the search space
 * @param function    the value of a full parameter set
 * @param optimum     the smallest value the function takes on the space
 */
public record Problem(String name, String description, SearchSpace space,
                      ToDoubleFunction<Map<String, Object>> function, double optimum) {

    public double evaluate(Map<String, Object> params) {
        return function.applyAsDouble(params);
    }
}
