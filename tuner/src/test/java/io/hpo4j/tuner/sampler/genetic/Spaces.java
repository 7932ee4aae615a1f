package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.space.SearchSpace;

/** Search spaces shared by the genetic sampler's tests. */
final class Spaces {

    private Spaces() {
    }

    /** Every kind of parameter, with edge cases: single values, a single choice, mixed-type choices. */
    static SearchSpace everyKind() {
        return SearchSpace.builder()
                .addFloat("float", -1, 1)
                .addLogFloat("log_float", 1e-5, 1)
                .addFloat("stepped_float", 0, 1, 0.1)
                .addInt("int", -3, 3)
                .addInt("stepped_int", 0, 100, 25)
                .addLogInt("log_int", 1, 1000)
                .addCategorical("category", "a", "b", "c")
                .addCategorical("mixed_choices", 1, 2.5, "x", true)
                .addCategorical("single_choice", "only")
                .addInt("single_int", 5, 5)
                .addFloat("single_float", 2.5, 2.5)
                .addLogFloat("single_log_float", 3, 3)
                .build();
    }
}
