package io.hpo4j.tuner.sampler;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplersTest {

    @Test
    void randomFromSettingsIsTheRandomSampler() {
        assertThat(Samplers.fromSettings("random", Map.of())).isSameAs(Samplers.random());
        assertThat(Samplers.fromSettings(" Random ", null).describe()).isEqualTo(Map.of("type", "random"));
    }

    @Test
    void geneticFromSettingsAppliesEverySettingAndDefaultsTheRest() {
        Sampler sampler = Samplers.fromSettings("genetic", Map.of("population", 16, "tournament_size", 3,
                "elites", 4, "crossover_rate", 0.5, "mutation_rate", 0.3, "mutation_scale", 0.05));
        assertThat(sampler.describe()).containsEntry("type", "genetic").containsEntry("population", 16)
                .containsEntry("tournament_size", 3).containsEntry("elites", 4).containsEntry("crossover_rate", 0.5)
                .containsEntry("mutation_rate", 0.3).containsEntry("mutation_scale", 0.05);
        assertThat(Samplers.fromSettings("genetic", Map.of()).describe()).isEqualTo(Samplers.genetic().describe());
        assertThat(Samplers.fromSettings("genetic", Map.of("population", 16)).describe()).containsEntry("elites", 16);
    }

    @Test
    void unknownTypeIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> Samplers.fromSettings("tpe", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampler must be one of [random, genetic], but got 'tpe'");
    }

    @Test
    void unknownOrMistypedSettingsAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> Samplers.fromSettings("genetic", Map.of("populaton", 16)))
                .hasMessageContaining("genetic sampler: unknown setting [populaton]");
        assertThatThrownBy(() -> Samplers.fromSettings("random", Map.of("seed", 1)))
                .hasMessageContaining("random sampler: unknown setting [seed]");
        assertThatThrownBy(() -> Samplers.fromSettings("genetic", Map.of("population", "many")))
                .hasMessageContaining("genetic sampler: population must be a whole number, but got 'many' (String)");
        assertThatThrownBy(() -> Samplers.fromSettings("genetic", Map.of("mutation_rate", 1.5)))
                .hasMessageContaining("mutation");
    }
}
