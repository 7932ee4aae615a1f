package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.sampler.SamplerContractTest;
import io.hpo4j.tuner.space.SearchSpace;

/** Search spaces shared by the genetic sampler's tests. */
final class Spaces {

    private Spaces() {
    }

    /** Every kind of parameter, with edge cases: the contract suite's space ({@link SamplerContractTest#EVERY_KIND}). */
    static SearchSpace everyKind() {
        return SamplerContractTest.EVERY_KIND;
    }
}
