package io.hpo4j.tuner.sampler.tpe;

import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.SamplerContractTest;
import io.hpo4j.tuner.sampler.Samplers;
import org.junit.jupiter.api.Nested;

class TpeSamplerContractTest extends SamplerContractTest {
    @Override
    protected Sampler newSampler() {
        return Samplers.tpe();
    }

    @Nested
    class Univariate extends SamplerContractTest {
        @Override
        protected Sampler newSampler() {
            return Samplers.tpe(TpeSettings.builder().multivariate(false).build());
        }
    }

    @Nested
    class WithoutConstantLiar extends SamplerContractTest {
        @Override
        protected Sampler newSampler() {
            return Samplers.tpe(TpeSettings.builder().constantLiar(false).build());
        }
    }
}
