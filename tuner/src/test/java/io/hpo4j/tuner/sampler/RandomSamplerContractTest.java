package io.hpo4j.tuner.sampler;

class RandomSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler newSampler() {
        return Samplers.random();
    }
}
