package io.hpo4j.tuner.sampler.tpe;

import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.SamplerContractTest;
import io.hpo4j.tuner.sampler.Samplers;

class BohbSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler newSampler() {
        return Samplers.bohb();
    }
}
