package io.hpo4j.tuner.sampler.genetic;

import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneticSettingsTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        GeneticSettings d = GeneticSettings.defaults();
        assertThat(d.population()).isEqualTo(10);
        assertThat(d.tournamentSize()).isEqualTo(4);
        assertThat(d.elites()).isEqualTo(10);
        assertThat(d.crossoverRate()).isEqualTo(0.8);
        assertThat(d.mutationRate()).isEqualTo(0.2);
        assertThat(d.mutationScale()).isEqualTo(0.1);
        assertThat(d).isEqualTo(GeneticSettings.builder().build());
    }

    @Test
    void elitesFollowThePopulationUnlessSet() {
        assertThat(GeneticSettings.builder().population(20).build().elites()).isEqualTo(20);
        assertThat(GeneticSettings.builder().population(20).elites(3).build().elites()).isEqualTo(3);
        assertThat(GeneticSettings.defaults().toBuilder().population(30).build().elites()).isEqualTo(30);
        assertThat(GeneticSettings.builder().elites(2).build().toBuilder().population(30).build().elites()).isEqualTo(2);
    }

    @Test
    void defaultTournamentShrinksToASmallPopulation() {
        assertThat(GeneticSettings.builder().population(3).build().tournamentSize()).isEqualTo(3);
        assertThat(GeneticSettings.builder().population(2).build().tournamentSize()).isEqualTo(2);
    }

    @Test
    void toBuilderKeepsEverySetting() {
        GeneticSettings s = new GeneticSettings(12, 5, 4, 0.6, 0.35, 0.2);
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void invalidSettingsAreRejectedNamingTheSettingTheValueAndTheRange() {
        assertRejected(b -> b.population(1), "population must be >= 2, but got 1");
        assertRejected(b -> b.tournamentSize(1), "tournamentSize must be in [2, population=10], but got 1");
        assertRejected(b -> b.tournamentSize(11), "tournamentSize must be in [2, population=10], but got 11");
        assertRejected(b -> b.population(5).tournamentSize(6), "tournamentSize must be in [2, population=5], but got 6");
        assertRejected(b -> b.elites(-1), "elites must be in [0, population=10], but got -1");
        assertRejected(b -> b.elites(11), "elites must be in [0, population=10], but got 11");
        assertRejected(b -> b.crossoverRate(-0.1), "crossoverRate must be in [0, 1], but got -0.1");
        assertRejected(b -> b.crossoverRate(Double.NaN), "crossoverRate must be in [0, 1], but got NaN");
        assertRejected(b -> b.mutationRate(1.5), "mutationRate must be in [0, 1], but got 1.5");
        assertRejected(b -> b.mutationScale(0), "mutationScale must be in (0, 1], but got 0.0");
        assertRejected(b -> b.mutationScale(2), "mutationScale must be in (0, 1], but got 2.0");
    }

    @Test
    void boundaryValuesAreAccepted() {
        GeneticSettings s = GeneticSettings.builder().population(2).tournamentSize(2).elites(0)
                .crossoverRate(0).mutationRate(1).mutationScale(1).build();
        assertThat(s.population()).isEqualTo(2);
        assertThat(s.elites()).isZero();
    }

    @Test
    void toMapUsesSnakeCaseNames() {
        assertThat(GeneticSettings.defaults().toMap()).containsOnlyKeys("population", "tournament_size", "elites",
                "crossover_rate", "mutation_rate", "mutation_scale").containsEntry("tournament_size", 4);
    }

    private static void assertRejected(UnaryOperator<GeneticSettings.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(GeneticSettings.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("genetic sampler: " + message);
    }
}
