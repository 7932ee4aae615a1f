package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.SamplerContractTest;
import io.hpo4j.tuner.sampler.Samplers;

class GeneticSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler newSampler() {
        return Samplers.genetic(GeneticSettings.builder().population(8).build());
    }
}
