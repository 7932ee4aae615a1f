package io.hpo4j.tuner.pruner;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class PrunersTest {

    private static final List<Pruner> EXAMPLES = List.of(
            Pruners.none(),
            Pruners.median(),
            Pruners.median(new MedianSettings(10, 3, 2, 4)),
            Pruners.percentile(25),
            Pruners.percentile(12.5, MedianSettings.defaults().withWarmupSteps(1)),
            Pruners.successiveHalving(),
            Pruners.successiveHalving(new SuccessiveHalvingSettings(2, 3, 1, 5)),
            Pruners.hyperband(1, 27),
            Pruners.hyperband(new HyperbandSettings(3, 81, 2, 1)));

    @Test
    void describesEachPrunerWithItsTypeAndEverySettingInOrder() {
        assertThat(Pruners.none().describe()).containsExactly(entry("type", "none"));
        assertThat(Pruners.median().describe()).containsExactly(entry("type", "median"),
                entry("n_startup_trials", 5), entry("n_warmup_steps", 0), entry("interval_steps", 1), entry("n_min_trials", 1));
        assertThat(Pruners.percentile(25).describe()).containsExactly(entry("type", "percentile"), entry("percentile", 25.0),
                entry("n_startup_trials", 5), entry("n_warmup_steps", 0), entry("interval_steps", 1), entry("n_min_trials", 1));
        assertThat(Pruners.successiveHalving().describe()).containsExactly(entry("type", "successive_halving"),
                entry("min_resource", 1), entry("reduction_factor", 4), entry("min_early_stopping_rate", 0),
                entry("bootstrap_count", 0));
        assertThat(Pruners.hyperband(1, 27).describe()).containsExactly(entry("type", "hyperband"),
                entry("min_resource", 1), entry("max_resource", 27), entry("reduction_factor", 3), entry("bootstrap_count", 0));
    }

    @Test
    void buildsTheSamePrunerBackFromItsDescription() {
        for (Pruner pruner : EXAMPLES) {
            assertThat(Pruners.fromDescription(pruner.describe())).as("%s", pruner).isEqualTo(pruner);
        }
    }

    @Test
    void fillsMissingSettingsWithTheirDefaults() {
        assertThat(Pruners.fromSettings("median", Map.of("n_warmup_steps", 3)))
                .isEqualTo(Pruners.median(MedianSettings.defaults().withWarmupSteps(3)));
        assertThat(Pruners.fromSettings("median", null)).isEqualTo(Pruners.median());
        assertThat(Pruners.fromSettings("successive_halving", Map.of())).isEqualTo(Pruners.successiveHalving());
        assertThat(Pruners.fromSettings("hyperband", Map.of("max_resource", 9))).isEqualTo(Pruners.hyperband(1, 9));
        assertThat(Pruners.fromSettings("percentile", Map.of("percentile", 10))).isEqualTo(Pruners.percentile(10));
    }

    @Test
    void readsTheTypeInAnyCase() {
        assertThat(Pruners.fromSettings(" Median ", Map.of())).isEqualTo(Pruners.median());
        assertThat(Pruners.fromSettings("NONE", Map.of())).isSameAs(Pruners.none());
    }

    @Test
    void acceptsWholeNumbersOfAnyNumericType() {
        assertThat(Pruners.fromSettings("median", Map.of("n_startup_trials", 7L, "n_warmup_steps", 2.0)))
                .isEqualTo(Pruners.median(new MedianSettings(7, 2, 1, 1)));
    }

    @Test
    void rejectsAnUnknownTypeListingTheKnownOnes() {
        assertThatThrownBy(() -> Pruners.fromSettings("asha", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pruner type must be one of [none, median, percentile, successive_halving, hyperband], but got 'asha'");
    }

    @Test
    void rejectsAnUnknownSettingNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> Pruners.fromSettings("median", Map.of("n_startup", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("median pruner: unknown setting [n_startup]; known settings are"
                        + " [n_startup_trials, n_warmup_steps, interval_steps, n_min_trials]");
        assertThatThrownBy(() -> Pruners.fromSettings("none", Map.of("percentile", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("none pruner: unknown setting [percentile]; known settings are []");
    }

    @Test
    void rejectsAValueOfTheWrongTypeNamingTheKey() {
        assertThatThrownBy(() -> Pruners.fromSettings("median", Map.of("n_startup_trials", "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("median pruner: n_startup_trials must be a whole number, but got '5' (String)");
        assertThatThrownBy(() -> Pruners.fromSettings("successive_halving", Map.of("reduction_factor", 2.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("successive_halving pruner: reduction_factor must be a whole number, but got 2.5 (Double)");
        assertThatThrownBy(() -> Pruners.fromSettings("hyperband", Map.of("max_resource", 1L << 40)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyperband pruner: max_resource must be a whole number, but got 1099511627776 (Long)");
        assertThatThrownBy(() -> Pruners.fromSettings("percentile", Map.of("percentile", true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile pruner: percentile must be a number, but got true (Boolean)");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("n_warmup_steps", null);
        assertThatThrownBy(() -> Pruners.fromSettings("median", withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("median pruner: n_warmup_steps must be a whole number, but got null");
    }

    @Test
    void rejectsAMissingRequiredSetting() {
        assertThatThrownBy(() -> Pruners.fromSettings("percentile", Map.of("n_warmup_steps", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile pruner: percentile is required, but is missing");
        assertThatThrownBy(() -> Pruners.fromSettings("hyperband", Map.of("min_resource", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hyperband pruner: max_resource is required, but is missing");
    }

    @Test
    void rejectsAnOutOfRangeValueNamingTheSetting() {
        assertThatThrownBy(() -> Pruners.fromSettings("successive_halving", Map.of("reduction_factor", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("reduction_factor must be >= 2, but got 1");
        assertThatThrownBy(() -> Pruners.fromSettings("median", Map.of("n_warmup_steps", -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n_warmup_steps must be >= 0, but got -1");
        assertThatThrownBy(() -> Pruners.fromSettings("percentile", Map.of("percentile", 101)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("percentile must be in [0, 100], but got 101.0");
        assertThatThrownBy(() -> Pruners.fromSettings("hyperband", Map.of("min_resource", 10, "max_resource", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max_resource must be >= min_resource=10, but got max_resource=5");
    }

    @Test
    void rejectsADescriptionWithoutAType() {
        Map<String, Object> description = new LinkedHashMap<>(Pruners.median().describe());
        description.remove("type");

        assertThatThrownBy(() -> Pruners.fromDescription(description))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pruner description needs a string 'type', one of"
                        + " [none, median, percentile, successive_halving, hyperband], but got none");
    }

    private static final class NamedPruner implements Pruner {
        @Override
        public PruneDecision decide(io.hpo4j.tuner.StudyView study, io.hpo4j.tuner.FrozenTrial trial) {
            return PruneDecision.keep();
        }
    }

    @Test
    void describesACustomPrunerByItsClassName() {
        Pruner custom = new Pruner() {
            @Override
            public PruneDecision decide(io.hpo4j.tuner.StudyView study, io.hpo4j.tuner.FrozenTrial trial) {
                return PruneDecision.keep();
            }
        };

        assertThat(custom.describe()).containsExactly(entry("type", custom.getClass().getName()));
        assertThat(new NamedPruner().describe()).containsExactly(entry("type", "NamedPruner"));
    }
}
