package io.hpo4j.examples;

// README-BEGIN
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.trainers.EarlyStopping;
import io.hpo4j.trainers.MlpTrainer;
import io.hpo4j.trainers.TrainingDivergedException;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.pruner.Pruners;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.space.SearchSpace;

import java.io.IOException;

/** Tunes a DL4J MLP on the bundled MNIST subset, storing every trial and epoch in an H2 file. */
public final class TuneAnMlp {

    public static void main(String[] args) throws IOException {
        DataSpec data = DataSpec.of(DataSource.mnist10k(), Split.random(0.2, 7));  // 8,000 train, 2,000 validate
        FrozenTrial best = tune(data, "jdbc:h2:file:./hpo-studies/mlp", 20);
        System.out.println("best validation accuracy " + best.value() + " with " + best.params());
    }

    static FrozenTrial tune(DataSpec data, String storageUrl, int trials) throws IOException {
        SearchSpace space = SearchSpace.builder()
                .addInt("epochs", 3, 12)
                .addCategorical("batch_size", 64, 128, 256)
                .addLogFloat("learning_rate", 1e-4, 1e-1)
                .addLogInt("hidden_units", 32, 256)
                .addInt("layers", 1, 2)
                .addFloat("dropout", 0.0, 0.5)
                .addCategorical("activation", "relu", "tanh")
                .addCategorical("optimizer", "sgd", "nesterov", "adam", "rmsprop")
                .build();
        MlpTrainer trainer = MlpTrainer.builder(data)                 // data loaded once, shared by all trials
                .objective(Metric.VALIDATION_ACCURACY)
                .earlyStopping(EarlyStopping.of(Metric.VALIDATION_LOSS, 3, 0.001))
                .build();
        try (JdbcStorage storage = JdbcStorage.open(storageUrl)) {
            Study study = Study.builder("mnist-mlp")
                    .storage(storage)
                    .ifExists(IfExists.RESUME)                        // run again: more trials, same study
                    .direction(trainer.direction())                   // MAXIMIZE for an accuracy
                    .searchSpace(space)
                    .sampler(Samplers.genetic())
                    .pruner(Pruners.median())
                    .seed(42)
                    .build();
            study.optimize(trainer, OptimizeOptions.trials(trials).withJobs(2)
                    .withCatch(TrainingDivergedException.class));     // a NaN loss fails the trial, the study goes on
            return study.bestTrial();
        }
    }
}
// README-END
