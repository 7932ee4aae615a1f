package io.hpo4j.studies.run;

import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.analysis.Verdict;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.storage.AnalysisStore;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.storage.StoredAnalysis;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisListenerTest {

    @TempDir
    Path dir;

    @Test
    void eachTrialIsAnalyzedAndStoredWhenItFinishes() {
        try (JdbcStorage storage = JdbcStorage.open("jdbc:h2:file:" + dir.resolve("db"))) {
            Study study = Study.builder("listened").storage(storage).direction(Direction.MINIMIZE).seed(1).build();
            AnalysisStore store = storage.analyses();
            StringWriter out = new StringWriter();
            AnalysisListener listener = new AnalysisListener(TrialAnalyses.of(storage, store, OverfitThresholds.defaults()),
                    new PrintWriter(out, true));
            int[] storedBefore = new int[3];
            study.optimize(trial -> {
                // what the listener stored for the trials before this one
                storedBefore[trial.number()] = store.ofStudy(study.id()).size();
                double lr = trial.suggestFloat("lr", 0.01, 0.1);
                for (int e = 1; e <= 6; e++) {
                    double v = 1.0 / e;
                    trial.reportEpoch(new EpochMetrics(e, v, 0.9, v + lr, 0.88, 0.1));
                    trial.report(e, v + lr);
                }
                return 1.0 / 6 + lr;
            }, new OptimizeOptions(3, 1, null, List.of(listener)));

            assertThat(storedBefore).containsExactly(0, 1, 2);
            Map<Long, StoredAnalysis> stored = store.ofStudy(study.id());
            assertThat(stored).hasSize(3);
            assertThat(stored.values()).allSatisfy(s -> {
                assertThat(s.analysis().verdict()).isEqualTo(Verdict.GOOD_FIT);
                assertThat(s.analysis().monitor()).isEqualTo(EpochMetrics.Metric.VALIDATION_LOSS);
                assertThat(s.analysis().bestEpoch()).isEqualTo(6);
            });
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void aFailureToAnalyzeIsReportedAndTheStudyGoesOn() {
        try (JdbcStorage storage = JdbcStorage.open("jdbc:h2:file:" + dir.resolve("db"));
             JdbcStorage elsewhere = JdbcStorage.open("jdbc:h2:file:" + dir.resolve("other"))) {
            Study study = Study.builder("listened").storage(storage).seed(1).build();
            StringWriter out = new StringWriter();
            // analyses written to a database that does not have the trials
            AnalysisListener listener = new AnalysisListener(TrialAnalyses.of(elsewhere, elsewhere.analyses(),
                    OverfitThresholds.defaults()),
                    new PrintWriter(out, true));

            study.optimize(trial -> trial.suggestFloat("x", 0, 1), new OptimizeOptions(2, 1, null, List.of(listener)));

            assertThat(study.trials()).hasSize(2);
            assertThat(out.toString()).contains("warning: could not store the curve analysis of trial 0")
                    .contains("warning: could not store the curve analysis of trial 1");
        }
    }
}
