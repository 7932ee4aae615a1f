package io.hpo4j.examples;

// README-BEGIN
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.pruner.Pruners;
import io.hpo4j.tuner.sampler.Samplers;

import java.util.List;

/** Tunes a plain Java function: hpo4j's tuner needs neither DL4J nor a database. */
public final class TuneAnyFunction {

    public static void main(String[] args) {
        Study study = Study.builder("any-function")
                .direction(Direction.MINIMIZE)
                .sampler(Samplers.genetic())
                .pruner(Pruners.median())
                .seed(42)
                .build();                                  // in memory; pass .storage(...) to keep it

        study.optimize(trial -> {
            double x = trial.suggestFloat("x", -10, 10);
            int n = trial.suggestInt("n", 1, 64, true);    // log scale
            String shape = trial.suggestCategorical("shape", List.of("bowl", "ridge"));
            double loss = 0;
            for (int step = 1; step <= 10; step++) {       // an iterative objective, reported as it goes
                loss = (x - 2) * (x - 2) + Math.abs(Math.log(n) - 2) + (shape.equals("bowl") ? 0 : 1) + 1.0 / step;
                trial.report(step, loss);
                if (trial.shouldPrune()) {
                    throw trial.pruned();
                }
            }
            return loss;
        }, OptimizeOptions.trials(100).withJobs(2));

        System.out.println("best value " + study.bestValue() + " with " + study.bestParams());
    }
}
// README-END
