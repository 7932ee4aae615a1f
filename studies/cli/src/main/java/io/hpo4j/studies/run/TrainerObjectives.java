package io.hpo4j.studies.run;

import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.trainers.MlpTrainer;
import io.hpo4j.trainers.ModelKeeper;

import java.io.IOException;

/**
 * The objective of a study file: an {@link MlpTrainer} on the file's data, metric, early stopping
 * and fixed parameters. The data are loaded once per process (the trainers' shared cache).
 */
public final class TrainerObjectives {

    private TrainerObjectives() {
    }

    /**
     * The trainer for {@code file}, checked against the file's search space.
     *
     * @throws IllegalArgumentException if a parameter of the space or a fixed parameter is not one
     *                                  the trainer understands, naming it
     * @throws DataFileException        if the data cannot be read, naming the file and the cause
     */
    public static MlpTrainer forStudy(StudyFile file) {
        return forStudy(file, ModelKeeper.NONE);
    }

    /** The trainer for {@code file}, offering each completed trial's best-epoch network to {@code keeper}. */
    public static MlpTrainer forStudy(StudyFile file, ModelKeeper keeper) {
        MlpTrainer trainer;
        try {
            trainer = MlpTrainer.builder(file.dataset())
                    .keepModels(keeper)
                    .objective(file.metric())
                    .earlyStopping(file.earlyStopping())
                    .defaults(file.fixedParams())
                    .build();
        } catch (IOException e) {
            throw new DataFileException("cannot load the data of study '" + file.name() + "' ("
                    + file.dataset().describe() + "): " + e.getMessage(), e);
        }
        trainer.validate(file.searchSpace());
        return trainer;
    }
}
