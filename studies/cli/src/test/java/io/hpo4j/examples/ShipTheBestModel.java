package io.hpo4j.examples;

import io.hpo4j.studies.models.StudyModels;
import io.hpo4j.studies.run.StoredModelKeeper;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.trainers.MlpTrainer;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.data.TestPart;
import io.hpo4j.trainers.model.ModelEvaluation;
import io.hpo4j.trainers.model.ModelFile;
import io.hpo4j.trainers.model.TrainedModel;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.space.SearchSpace;

import java.nio.file.Path;

// README-BEGIN
/** Tunes, keeps the best 3 networks, retrains the winner on train + validation and scores it on held-out data. */
public final class ShipTheBestModel {

    public static void main(String[] args) throws Exception {
        DataSpec data = DataSpec.of(DataSource.mnist10k(), Split.random(0.2, 7))
                .withTest(TestPart.fraction(0.1, 7));                      // 1,000 digits the search never sees
        System.out.println(ship(data, "jdbc:h2:file:./hpo-studies/ship", 12, 15, Path.of("mnist-mlp.zip")));
    }

    static ModelEvaluation ship(DataSpec data, String storageUrl, int trials, int maxEpochs, Path modelFile) throws Exception {
        SearchSpace space = SearchSpace.builder()
                .addInt("epochs", 1, maxEpochs)
                .addLogFloat("learning_rate", 1e-4, 1e-1)
                .addLogInt("hidden_units", 32, 256)
                .addCategorical("optimizer", "adam", "nesterov")
                .build();
        try (JdbcStorage storage = JdbcStorage.open(storageUrl)) {
            MlpTrainer trainer = MlpTrainer.builder(data)
                    .keepModels(StoredModelKeeper.of(storage, "ship", 3))     // best-epoch weights of the top 3 trials
                    .build();
            Study study = Study.builder("ship").storage(storage).direction(trainer.direction())
                    .searchSpace(space).seed(42).build();
            study.optimize(trainer, OptimizeOptions.trials(trials));

            StudyModels models = StudyModels.of(storage, "ship");
            try (TrainedModel best = models.best()) {                         // takes raw features: scaling included
                ModelFile.write(best, modelFile);                             // a DL4J ModelSerializer zip
            }
            models.evaluateKeptOnTest(data);                                  // validation vs test, for the optimism
            System.out.println(models.scores().optimism().verdict());
            StudyModels.Retrained retrained = models.retrain(models.bestTrial(), data, null);
            return retrained.test().orElseThrow();                            // accuracy, loss, confusion matrix
        }
    }
}
// README-END
