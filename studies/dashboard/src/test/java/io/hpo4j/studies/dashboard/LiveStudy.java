package io.hpo4j.studies.dashboard;

import io.hpo4j.tuner.BestEpoch;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.ObjectiveMetric;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.TrialOutcome;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.util.List;

/**
 * A study written epoch by epoch through the storage, as a worker of {@code hpo run} writes it, so
 * that a test can add an epoch or finish a trial while a page is open.
 */
final class LiveStudy {

    static final String NAME = "mnist-live";

    private final Storage storage;
    private final StudyRecord study;

    LiveStudy(Storage storage) {
        this.storage = storage;
        this.study = storage.createStudy(NAME, Direction.MAXIMIZE);
    }

    /** Starts a trial of {@code epochs} planned epochs with these parameters. */
    FrozenTrial start(double learningRate, int hidden, String optimizer, int epochs) {
        FrozenTrial t = storage.createTrial(study.id());
        storage.setTrialParam(t.id(), "epochs", new IntDistribution(4, 12, false, 1), epochs);
        storage.setTrialParam(t.id(), "learning_rate", new FloatDistribution(1e-4, 1e-1, true, 0), learningRate);
        storage.setTrialParam(t.id(), "hidden_units", new IntDistribution(32, 512, true, 1), hidden);
        storage.setTrialParam(t.id(), "optimizer", new CategoricalDistribution(List.of("adam", "sgd", "rmsprop")), optimizer);
        return t;
    }

    /** Adds epoch {@code e} of a trial whose accuracy tends to {@code ceiling}. */
    void epoch(FrozenTrial t, int e, double ceiling) {
        double progress = 1 - Math.exp(-e / 2.5);
        double trainAcc = 0.3 + (ceiling - 0.3) * progress + 0.004 * e;
        double valAcc = 0.3 + (ceiling - 0.3) * progress;
        double trainLoss = 2.2 * (1 - 0.9 * progress);
        storage.addEpoch(t.id(), new EpochMetrics(e, trainLoss, trainAcc, trainLoss + 0.06, valAcc, 1.5));
        storage.setIntermediateValue(t.id(), e, valAcc);
    }

    /** Runs a whole trial: {@code epochs} epochs, then COMPLETE with its best validation accuracy. */
    FrozenTrial complete(double learningRate, int hidden, String optimizer, int epochs, double ceiling) {
        FrozenTrial t = start(learningRate, hidden, optimizer, epochs);
        for (int e = 1; e <= epochs; e++) {
            epoch(t, e, ceiling);
        }
        double best = storage.trial(t.id()).intermediateValues().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return finish(t, TrialState.COMPLETE, best, new StopReason.Completed(epochs));
    }

    /** A trial pruned after {@code epochs} epochs. */
    FrozenTrial pruned(double learningRate, int hidden, String optimizer, int epochs, double ceiling) {
        FrozenTrial t = start(learningRate, hidden, optimizer, 12);
        for (int e = 1; e <= epochs; e++) {
            epoch(t, e, ceiling);
        }
        double last = storage.trial(t.id()).intermediateValues().get(epochs);
        return finish(t, TrialState.PRUNED, last, new StopReason.Pruned(epochs,
                "median pruner: value " + String.format(java.util.Locale.ROOT, "%.4f", last) + " at epoch " + epochs
                        + " is worse than the median of the trials that reached it"));
    }

    /** Finishes a trial as a worker does: with its metric (validation accuracy), best epoch and stop reason. */
    private FrozenTrial finish(FrozenTrial t, TrialState state, double value, StopReason stop) {
        Direction direction = Direction.MAXIMIZE;
        return storage.recordTrialEnd(t.id(), state, value, new TrialOutcome(
                ObjectiveMetric.of(EpochMetrics.Metric.VALIDATION_ACCURACY),
                BestEpoch.of(storage.trial(t.id()).intermediateValues(), direction), stop));
    }

    StudyRecord record() {
        return study;
    }
}
