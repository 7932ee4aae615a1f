package io.hpo4j.studies.query;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.analysis.Verdict;
import io.hpo4j.studies.storage.AnalysisStore;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.storage.StoredAnalysis;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.StudyRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrialAnalysesTest {

    @TempDir
    Path dir;

    @Test
    void readingComputesMissingAnalysesWithoutStoringThem() {
        try (JdbcStorage storage = JdbcStorage.open("jdbc:h2:file:" + dir.resolve("db"))) {
            SyntheticStudies.run(storage, 10, 3);
            StudyRecord study = storage.findStudy(SyntheticStudies.NAME).orElseThrow();
            AnalysisStore store = storage.analyses();
            assertThat(store.ofStudy(study.id())).as("studies run from Java code have no analyses").isEmpty();

            Map<Integer, CurveAnalysis> analyses = TrialAnalyses.of(storage, store, OverfitThresholds.defaults())
                    .ofStudy(SyntheticStudies.NAME);

            assertThat(analyses).hasSize(10);
            assertThat(store.ofStudy(study.id())).as("queries never write").isEmpty();
            assertThat(analyses.values()).extracting(CurveAnalysis::monitor).containsOnly(EpochMetrics.Metric.VALIDATION_ACCURACY);
        }
    }

    @Test
    void storedAnalysesAreReusedUntilTheThresholdsChange() {
        try (JdbcStorage storage = JdbcStorage.open("jdbc:h2:file:" + dir.resolve("db"))) {
            SyntheticStudies.run(storage, 8, 3);
            StudyRecord study = storage.findStudy(SyntheticStudies.NAME).orElseThrow();
            AnalysisStore store = storage.analyses();
            TrialAnalyses analyses = TrialAnalyses.of(storage, store, OverfitThresholds.defaults());
            storage.trials(study.id(), EnumSet.allOf(TrialState.class)).forEach(analyses::analyze);
            Map<Long, Instant> first = times(store.ofStudy(study.id()));
            assertThat(first).hasSize(8);
            Map<Integer, CurveAnalysis> read = analyses.ofStudy(SyntheticStudies.NAME);
            storage.trials(study.id(), EnumSet.allOf(TrialState.class)).forEach(t ->
                    assertThat(store.ofTrial(t.id()).orElseThrow().analysis()).isEqualTo(read.get(t.number())));
            assertThat(times(store.ofStudy(study.id()))).as("nothing rewritten").isEqualTo(first);

            Map<Integer, CurveAnalysis> strict = TrialAnalyses.of(storage, store,
                    OverfitThresholds.builder().underfitAccuracy(1.0).build()).ofStudy(SyntheticStudies.NAME);
            assertThat(strict.values()).extracting(CurveAnalysis::verdict).doesNotContain(Verdict.GOOD_FIT, Verdict.OVERFIT);
            assertThat(store.ofStudy(study.id()).values()).as("other thresholds are computed on read, not stored")
                    .allSatisfy(s -> assertThat(s.thresholdsJson()).doesNotContain("\"underfit_accuracy\":1.0"));
        }
    }

    @Test
    void onAnotherStorageAnalysesAreComputedOnRead() {
        InMemoryStorage storage = new InMemoryStorage();
        SyntheticStudies.run(storage, 7, 3);

        Map<Integer, CurveAnalysis> analyses = TrialAnalyses.of(storage, OverfitThresholds.defaults())
                .ofStudy(SyntheticStudies.NAME);

        assertThat(analyses).hasSize(7);
        assertThat(analyses.get(6).reason()).as("trial 6 was pruned after 3 epochs").isNotEmpty();
        assertThat(analyses.get(6).epochs()).isEqualTo(3);
    }

    @Test
    void anUnknownStudyIsNamed() {
        assertThatThrownBy(() -> TrialAnalyses.of(new InMemoryStorage(), OverfitThresholds.defaults()).ofStudy("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no study named 'nope'");
    }

    private static Map<Long, Instant> times(Map<Long, StoredAnalysis> stored) {
        Map<Long, Instant> out = new java.util.HashMap<>();
        stored.forEach((id, s) -> out.put(id, s.analyzedAt()));
        return out;
    }
}
