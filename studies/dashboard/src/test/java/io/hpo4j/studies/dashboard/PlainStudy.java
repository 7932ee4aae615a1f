package io.hpo4j.studies.dashboard;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.pruner.Pruners;
import io.hpo4j.tuner.pruner.SuccessiveHalvingSettings;
import io.hpo4j.tuner.storage.Storage;

/**
 * A plain objective tuned through the Java API, as a user of the tuner alone writes one: no epochs,
 * only values reported by step ({@code trial.report}), pruned by successive halving with rungs at
 * steps 1, 3 and 9. Its curves are the reported values, with the rungs marked.
 */
final class PlainStudy {

    static final String NAME = "plain-asha";

    private PlainStudy() {
    }

    /** Runs {@code trials} trials of a minimized loss that decays with the step, faster for x near 2. */
    static Study run(Storage storage, int trials) {
        Study study = Study.builder(NAME).storage(storage).direction(Direction.MINIMIZE).seed(5)
                .pruner(Pruners.successiveHalving(new SuccessiveHalvingSettings(1, 3, 0, 0))).build();
        study.optimize(trial -> {
            double x = trial.suggestFloat("x", -5, 5);
            double loss = Double.NaN;
            for (int step = 1; step <= 9; step++) {
                loss = (x - 2) * (x - 2) + 10.0 / step;
                trial.report(step, loss);
                if (trial.shouldPrune()) {
                    throw trial.pruned();
                }
            }
            return loss;
        }, OptimizeOptions.trials(trials));
        return study;
    }
}
