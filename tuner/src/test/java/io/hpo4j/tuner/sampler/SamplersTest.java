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
        assertThatThrownBy(() -> Samplers.fromSettings("hyperopt", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampler must be one of [random, genetic, tpe, bohb], but got 'hyperopt'");
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

    @Test
    void tpeSettingsAreReadBySnakeCaseNameIncludingBooleans() {
        Sampler sampler = Samplers.fromSettings("tpe", Map.of("n_startup_trials", 20, "n_ei_candidates", 48L,
                "gamma", 0.25, "gamma_cap", 10, "prior_weight", 2, "consider_magic_clip", false,
                "consider_endpoints", true, "multivariate", false, "constant_liar", false));
        assertThat(sampler.describe()).containsEntry("type", "tpe").containsEntry("n_startup_trials", 20)
                .containsEntry("n_ei_candidates", 48).containsEntry("gamma", 0.25).containsEntry("gamma_cap", 10)
                .containsEntry("prior_weight", 2.0).containsEntry("consider_magic_clip", false)
                .containsEntry("consider_endpoints", true).containsEntry("multivariate", false)
                .containsEntry("constant_liar", false);
        assertThat(Samplers.fromSettings("TPE", null).describe()).isEqualTo(Samplers.tpe().describe());
    }

    @Test
    void bohbReadsTheTpeSettingsAndItsOwn() {
        assertThat(Samplers.fromSettings("bohb", Map.of("min_observations", 6, "n_startup_trials", 5)).describe())
                .containsEntry("type", "bohb").containsEntry("min_observations", 6).containsEntry("n_startup_trials", 5);
        assertThat(Samplers.fromSettings("bohb", Map.of()).describe()).isEqualTo(Samplers.bohb().describe());
    }

    @Test
    void invalidTpeSettingsAreRejectedBeforeAnyStudyStarts() {
        assertThatThrownBy(() -> Samplers.fromSettings("tpe", Map.of("n_startup", 5)))
                .hasMessageContaining("tpe sampler: unknown setting [n_startup]");
        assertThatThrownBy(() -> Samplers.fromSettings("tpe", Map.of("multivariate", "yes")))
                .hasMessage("tpe sampler: multivariate must be true or false, but got 'yes' (String)");
        assertThatThrownBy(() -> Samplers.fromSettings("tpe", Map.of("gamma", 0)))
                .hasMessage("tpe sampler: gamma must be in (0, 1], but got 0.0");
        assertThatThrownBy(() -> Samplers.fromSettings("tpe", Map.of("n_ei_candidates", 0)))
                .hasMessage("tpe sampler: eiCandidates must be >= 1, but got 0");
        assertThatThrownBy(() -> Samplers.fromSettings("tpe", Map.of("prior_weight", -1)))
                .hasMessageContaining("priorWeight must be a finite number >= 0, but got -1.0");
        assertThatThrownBy(() -> Samplers.fromSettings("bohb", Map.of("min_observations", -2)))
                .hasMessageContaining("bohb sampler: minObservations must be >= 0");
        assertThatThrownBy(() -> Samplers.fromSettings("bohb", Map.of("population", 3)))
                .hasMessageContaining("bohb sampler: unknown setting [population]");
    }
}
