package io.hpo4j.tuner.settings;

import io.hpo4j.tuner.pruner.HyperbandSettings;
import io.hpo4j.tuner.pruner.MedianSettings;
import io.hpo4j.tuner.pruner.SuccessiveHalvingSettings;
import io.hpo4j.tuner.sampler.genetic.GeneticSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsCodecTest {

    @Test
    void everySettingsRecordSurvivesEncodeThenDecode() {
        MedianSettings median = new MedianSettings(7, 2, 3, 4);
        SuccessiveHalvingSettings sh = new SuccessiveHalvingSettings(2, 4, 1, 3);
        HyperbandSettings hb = new HyperbandSettings(1, 27, 3, 0);
        GeneticSettings ga = GeneticSettings.builder().population(12).tournamentSize(3).elites(5).crossoverRate(0.7)
                .mutationRate(0.3).mutationScale(0.2).build();
        assertThat(MedianSettings.CODEC.decode("median pruner", MedianSettings.CODEC.encode(median))).isEqualTo(median);
        assertThat(SuccessiveHalvingSettings.CODEC.decode("sh", SuccessiveHalvingSettings.CODEC.encode(sh))).isEqualTo(sh);
        assertThat(HyperbandSettings.CODEC.decode("hyperband", HyperbandSettings.CODEC.encode(hb))).isEqualTo(hb);
        assertThat(GeneticSettings.CODEC.decode("genetic", GeneticSettings.CODEC.encode(ga))).isEqualTo(ga);
    }

    @Test
    void encodingUsesTheSnakeCaseKeysStudyFilesUse() {
        assertThat(MedianSettings.CODEC.encode(MedianSettings.defaults()))
                .containsOnlyKeys("n_startup_trials", "n_warmup_steps", "interval_steps", "n_min_trials");
        assertThat(GeneticSettings.CODEC.encode(GeneticSettings.defaults())).containsOnlyKeys("population",
                "tournament_size", "elites", "crossover_rate", "mutation_rate", "mutation_scale");
    }

    @Test
    void decodingFillsDefaultsAndRejectsUnknownKeysByName() {
        assertThat(MedianSettings.CODEC.decode("median pruner", Map.of("n_warmup_steps", 3)))
                .isEqualTo(new MedianSettings(MedianSettings.defaults().startupTrials(), 3,
                        MedianSettings.defaults().intervalSteps(), MedianSettings.defaults().minTrials()));
        assertThatThrownBy(() -> MedianSettings.CODEC.decode("median pruner", Map.of("n_warmup", 3)))
                .hasMessageContaining("median pruner: unknown setting [n_warmup]");
        assertThatThrownBy(() -> HyperbandSettings.CODEC.decode("hyperband pruner", Map.of()))
                .hasMessageContaining("max_resource is required");
    }
}
