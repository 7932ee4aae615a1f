package io.hpo4j.studies.testing;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.ObjectiveMetric;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.storage.Storage;

import java.util.List;

/**
 * Small studies with synthetic learning curves, written through {@link Study} (no DL4J): the
 * curves depend on the parameters so that every verdict occurs.
 * <ul>
 *   <li>learning_rate (log, 1e-4..1e-1) sets how well a trial learns: best near 1e-2, underfits
 *       near 1e-4;</li>
 *   <li>dropout below 0.15 overfits from epoch 4 (validation loss rises, the accuracy gap grows);</li>
 *   <li>sgd with learning_rate above 0.05 diverges at epoch 3 (the trial fails);</li>
 *   <li>every seventh trial (number % 7 == 6) is pruned after 3 epochs;</li>
 *   <li>layers and optimizer otherwise do nothing.</li>
 * </ul>
 * The value is the best validation accuracy, maximized; intermediate values are validation accuracy.
 */
public final class SyntheticStudies {

    public static final String NAME = "synthetic";

    private SyntheticStudies() {
    }

    /** Runs {@code trials} more trials of study {@link #NAME} in {@code storage} (created if new), seeded. */
    public static Study run(Storage storage, int trials, long seed) {
        return run(storage, NAME, trials, seed);
    }

    /** Runs {@code trials} more trials of the named study in {@code storage} (created if new), seeded. */
    public static Study run(Storage storage, String name, int trials, long seed) {
        Study study = Study.builder(name).storage(storage).direction(Direction.MAXIMIZE).seed(seed)
                .ifExists(IfExists.RESUME).build();
        study.optimize(trial -> {
            trial.recordObjectiveMetric(ObjectiveMetric.of(EpochMetrics.Metric.VALIDATION_ACCURACY));
            double lr = trial.suggestFloat("learning_rate", 1e-4, 1e-1, true);
            double dropout = trial.suggestFloat("dropout", 0.0, 0.5);
            String optimizer = trial.suggestCategorical("optimizer", List.of("sgd", "adam", "rmsprop"));
            trial.suggestInt("layers", 1, 3);
            int epochs = 8 + trial.number() % 5;
            double q = Math.exp(-Math.pow(Math.log10(lr) + 2, 2));
            boolean overfits = dropout < 0.15;
            double best = 0;
            for (int e = 1; e <= epochs; e++) {
                if (optimizer.equals("sgd") && lr > 0.05 && e == 3) {
                    trial.reportEpoch(new EpochMetrics(e, Double.NaN, 0.1, Double.NaN, 0.1, 0.5));
                    throw new IllegalStateException("train_loss became NaN at epoch 3");
                }
                double progress = 1 - Math.exp(-e / 2.0);
                double trainAcc = 0.4 + 0.6 * q * progress;
                double trainLoss = 2.3 * (1 - 0.95 * q * progress);
                double gap = 0.01 + (overfits && e > 4 ? 0.02 * (e - 4) : 0);
                double validationAcc = trainAcc - gap;
                double validationLoss = trainLoss + 0.05 + (overfits && e > 4 ? 0.08 * (e - 4) : 0);
                trial.reportEpoch(new EpochMetrics(e, trainLoss, trainAcc, validationLoss, validationAcc, 0.5));
                trial.report(e, validationAcc);
                best = Math.max(best, validationAcc);
                if (trial.number() % 7 == 6 && e == 3) {
                    throw trial.pruned();
                }
            }
            return best;
        }, OptimizeOptions.trials(trials).withCatch(IllegalStateException.class));   // a diverged trial fails, the study goes on
        return study;
    }
}
