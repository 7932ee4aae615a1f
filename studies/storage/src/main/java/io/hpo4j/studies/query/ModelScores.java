package io.hpo4j.studies.query;

import io.hpo4j.studies.analysis.SelectionOptimism;
import io.hpo4j.studies.storage.ModelStore;
import io.hpo4j.studies.storage.ModelStore.Evaluation;
import io.hpo4j.studies.storage.ModelStore.Kind;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A study's kept models and their test scores, read from its storage: the test score of each
 * trial's model (for the leaderboard), and the {@link SelectionOptimism} of the search.
 *
 * <pre>{@code
 * ModelScores scores = ModelScores.read(storage, "mnist-demo");
 * System.out.println(scores.optimism().verdict());
 * }</pre>
 *
 * <p>A snapshot: immutable once read. On a storage that is not a study database there are no
 * kept models, and the scores are empty.
 */
public final class ModelScores {

    private final Map<Integer, Evaluation> bestEpochTests;
    private final Map<Integer, Evaluation> retrainedTests;
    private final SelectionOptimism optimism;

    private ModelScores(Map<Integer, Evaluation> bestEpochTests, Map<Integer, Evaluation> retrainedTests,
                        SelectionOptimism optimism) {
        this.bestEpochTests = bestEpochTests;
        this.retrainedTests = retrainedTests;
        this.optimism = optimism;
    }

    /**
     * Reads the scores of {@code study}.
     *
     * @throws IllegalArgumentException if there is no such study
     */
    public static ModelScores read(Storage storage, String study) {
        StudyRecord record = StudyLookup.require(storage, study);
        List<Evaluation> evaluations;
        try {
            evaluations = ModelStore.of(storage).evaluations(record.id());
        } catch (IllegalArgumentException notADatabase) {
            evaluations = List.of();
        }
        Map<Integer, Evaluation> best = new LinkedHashMap<>();
        Map<Integer, Evaluation> retrained = new LinkedHashMap<>();
        for (Evaluation e : evaluations) {
            (e.kind() == Kind.BEST_EPOCH ? best : retrained).put(e.trialNumber(), e);
        }
        List<FrozenTrial> complete = storage.trials(record.id(), EnumSet.of(TrialState.COMPLETE));
        boolean accuracy = complete.stream().findFirst().map(ModelScores::objectiveIsAccuracy).orElse(true);
        List<SelectionOptimism.Row> rows = new ArrayList<>();
        for (FrozenTrial t : complete) {
            Evaluation e = best.get(t.number());
            if (e != null && t.value() != null) {
                Double test = accuracy ? e.accuracy() : e.loss();
                if (test != null) {
                    rows.add(new SelectionOptimism.Row(t.number(), t.value(), validationExamples(t), test, e.examples()));
                }
            }
        }
        // the validation data ranked the pruned trials too (at their rungs): they were candidates of the selection
        int compared = complete.size() + storage.trials(record.id(), EnumSet.of(TrialState.PRUNED)).size();
        return new ModelScores(best, retrained, SelectionOptimism.of(rows, accuracy, compared));
    }

    /**
     * The test accuracy of the model one would ship: the chosen trial's (the best of those scored)
     * retrained model if it was retrained, else its kept best-epoch model; empty if none was scored.
     * Other trials' retrained models do not count: they were not chosen.
     */
    public Optional<Double> chosenTestAccuracy() {
        return optimism.chosen().map(SelectionOptimism.Row::number)
                .flatMap(n -> retrainedTestAccuracy(n).or(() -> testAccuracy(n)));
    }

    /** Whether any kept or retrained model of the study was scored on test data. */
    public boolean any() {
        return !bestEpochTests.isEmpty() || !retrainedTests.isEmpty();
    }

    /** The test accuracy of the trial's retrained model, if it was retrained and evaluated. */
    public Optional<Double> retrainedTestAccuracy(int trialNumber) {
        return retrained(trialNumber).map(Evaluation::accuracy);
    }

    /** The test score (accuracy) of the trial's best-epoch model, if it was evaluated. */
    public Optional<Double> testAccuracy(int trialNumber) {
        return Optional.ofNullable(bestEpochTests.get(trialNumber)).map(Evaluation::accuracy);
    }

    /** The test evaluation of the trial's retrained model, if any. */
    public Optional<Evaluation> retrained(int trialNumber) {
        return Optional.ofNullable(retrainedTests.get(trialNumber));
    }

    /** The retrained models' test evaluations, by trial number. */
    public Map<Integer, Evaluation> retrained() {
        return java.util.Collections.unmodifiableMap(retrainedTests);
    }

    public SelectionOptimism optimism() {
        return optimism;
    }

    /** By the trial's recorded objective metric, else (trials stored before it was recorded) its trainer's provenance. */
    private static boolean objectiveIsAccuracy(FrozenTrial t) {
        if (t.record().objective() != null) {
            return !t.record().objective().name().endsWith("loss");
        }
        Object provenance = t.userAttrs().get("provenance");
        if (provenance instanceof Map<?, ?> p && p.get("trainer") instanceof Map<?, ?> trainer) {
            return !String.valueOf(trainer.get("objective")).endsWith("loss");
        }
        return true;
    }

    private static int validationExamples(FrozenTrial t) {
        Object provenance = t.userAttrs().get("provenance");
        if (provenance instanceof Map<?, ?> p && p.get("dataset") instanceof Map<?, ?> d
                && d.get("validation_size") instanceof Number n) {
            return n.intValue();
        }
        return 0;
    }
}
