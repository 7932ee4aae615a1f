package io.hpo4j.studies.run;

import io.hpo4j.studies.config.ComponentSpec;
import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.config.StudyFileParser;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComponentsTest {

    @Test
    void aSpecIsBuiltOnceAndTheValidatedInstanceIsTheOneThatRuns() {
        ComponentSpec spec = new ComponentSpec("genetic", Map.of("population", 7));
        assertThat(Components.sampler(new ComponentSpec("genetic", Map.of("population", 7))))
                .isSameAs(Components.sampler(spec));
        ComponentSpec pruner = new ComponentSpec("median", Map.of("n_warmup_steps", 2));
        assertThat(Components.pruner(new ComponentSpec("median", Map.of("n_warmup_steps", 2))))
                .isSameAs(Components.pruner(pruner));
    }

    @Test
    void theStudyFileParserValidatesWithTheSameInstances() {
        StudyFile file = new StudyFileParser(Components::sampler, Components::pruner).parse(new StringReader("""
                name: built-once
                search_space:
                  layers: {type: int, low: 1, high: 3}
                sampler: {type: genetic, population: 9}
                budget: {trials: 5}
                """), "study.yaml", null, null);
        assertThat(Components.sampler(file.sampler())).isSameAs(Components.sampler(new ComponentSpec("genetic",
                Map.of("population", 9))));
    }

    @Test
    void theDefaultsOfAStudyFileBuildTpeAndSuccessiveHalvingWithRungsAtEpochs2And6And18() {
        assertThat(Components.sampler(StudyFileParser.DEFAULT_SAMPLER).describe()).containsEntry("type", "tpe");
        var pruner = Components.pruner(StudyFileParser.DEFAULT_PRUNER).describe();
        assertThat(pruner).containsEntry("type", "successive_halving").containsEntry("min_resource", 2)
                .containsEntry("reduction_factor", 3);
    }

    @Test
    void anInvalidSpecIsRejectedEveryTime() {
        ComponentSpec bad = new ComponentSpec("genetic", Map.of("population", -1));
        assertThatThrownBy(() -> Components.sampler(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Components.sampler(bad)).isInstanceOf(IllegalArgumentException.class);
    }
}
