package io.hpo4j.studies.query;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.storage.ModelStore;
import io.hpo4j.studies.storage.ModelStore.Kind;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.StudyRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A study's test scores read back from its database, as the leaderboard, report and verdict use them. */
class ModelScoresTest {

    @TempDir
    Path dir;
    private JdbcStorage storage;
    private ModelStore models;
    private StudyRecord study;

    @BeforeEach
    void open() {
        storage = JdbcStorage.open("jdbc:h2:file:" + dir.resolve("db"));
        models = ModelStore.of(storage);
        study = storage.createStudy("s", Direction.MAXIMIZE);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    /** A trial trained on 2,000 validation rows, finished in {@code state}; its kept model scored {@code test} on 1,000 test rows. */
    private FrozenTrial trial(TrialState state, double value, Double test) {
        FrozenTrial t = storage.createTrial(study.id());
        storage.setTrialUserAttr(t.id(), "provenance", Map.of("trainer", Map.of("objective", "validation_accuracy"),
                "dataset", Map.of("validation_size", 2000)));
        if (test != null) {
            models.keepIfAmongBest(t.id(), value, 3, 1, new byte[] {1}, 3);
            models.putEvaluation(t.id(), Kind.BEST_EPOCH, "test fraction(0.1, seed=7)", 1000, test, 0.3, "{}");
        }
        return storage.finishTrial(t.id(), state, state == TrialState.PRUNED ? null : value, null);
    }

    @Test
    void theChosenTrialIsTheBestEvaluatedOneAndEveryRankedTrialCountsAsACandidate() {
        trial(TrialState.COMPLETE, 0.90, 0.89);
        FrozenTrial best = trial(TrialState.COMPLETE, 0.93, 0.90);
        trial(TrialState.COMPLETE, 0.80, null);
        trial(TrialState.PRUNED, 0.70, null);
        trial(TrialState.PRUNED, 0.60, null);
        trial(TrialState.FAIL, 0.99, null);

        ModelScores scores = ModelScores.read(storage, "s");

        assertThat(scores.optimism().rows()).extracting(r -> r.number()).containsExactly(best.number(), 0);
        assertThat(scores.optimism().chosen().orElseThrow().validationExamples()).isEqualTo(2000);
        assertThat(scores.optimism().optimism()).isCloseTo(0.03, within(1e-12));
        assertThat(scores.optimism().trials()).as("3 completed and 2 pruned trials were ranked on validation data").isEqualTo(5);
        assertThat(scores.optimism().verdict()).contains("best of 5 trials");
        assertThat(scores.testAccuracy(best.number())).hasValue(0.90);
        assertThat(scores.testAccuracy(2)).isEmpty();
    }

    @Test
    void aRetrainedModelsScoreIsShownApartAndIsNotPartOfTheSelection() {
        FrozenTrial t = trial(TrialState.COMPLETE, 0.90, 0.88);
        models.putRetrained(t.id(), 0.90, 3, 1, new byte[] {2});
        models.putEvaluation(t.id(), Kind.RETRAINED, "test fraction(0.1, seed=7)", 1000, 0.92, 0.25, "{}");

        ModelScores scores = ModelScores.read(storage, "s");

        assertThat(scores.retrained(t.number())).hasValueSatisfying(e -> assertThat(e.accuracy()).isEqualTo(0.92));
        assertThat(scores.optimism().chosen().orElseThrow().test()).as("the best epoch's network was selected").isEqualTo(0.88);
        assertThat(scores.chosenTestAccuracy()).as("the retrained model is the one to ship").hasValue(0.92);
    }

    @Test
    void theChosenTestAccuracyIgnoresRetrainedModelsOfTrialsThatWereNotChosen() {
        FrozenTrial best = trial(TrialState.COMPLETE, 0.95, 0.91);
        FrozenTrial other = trial(TrialState.COMPLETE, 0.90, 0.88);
        models.putRetrained(other.id(), 0.90, 3, 1, new byte[] {2});
        models.putEvaluation(other.id(), Kind.RETRAINED, "test fraction(0.1, seed=7)", 1000, 0.99, 0.05, "{}");

        assertThat(ModelScores.read(storage, "s").chosenTestAccuracy()).as("trial " + best.number() + "'s kept model")
                .hasValue(0.91);
    }
}
