package io.hpo4j.studies.cli;

import io.hpo4j.studies.config.StoredStudyFile;
import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.models.StudyModels;
import io.hpo4j.studies.run.Components;
import io.hpo4j.studies.storage.ModelStore.Kind;
import io.hpo4j.studies.storage.ModelStore.StoredModel;
import io.hpo4j.trainers.data.CsvFormat;
import io.hpo4j.trainers.data.CsvLoader;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.IdxLoader;
import io.hpo4j.trainers.data.IdxPart;
import io.hpo4j.trainers.data.LabeledDataset;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code STUDY [TRIAL] [--retrained]} arguments of the model commands (a picocli mixin): which
 * kept model to use. Without TRIAL, the study's best kept model (the best retrained one with
 * {@code --retrained}).
 */
final class ModelChoice {

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;
    @Parameters(index = "1", arity = "0..1", paramLabel = "TRIAL",
            description = "The trial whose model to use (default: the best kept one).")
    Integer trial;
    @Option(names = "--retrained", description = "Use the trial's retrained model (hpo retrain) instead of its best epoch's.")
    boolean retrained;

    Kind kind() {
        return retrained ? Kind.RETRAINED : Kind.BEST_EPOCH;
    }

    /** The trial number chosen, resolved against what the study keeps. */
    int trialIn(StudyModels models) {
        if (trial != null) {
            return trial;
        }
        if (retrained) {
            return models.kept().stream().filter(m -> m.kind() == Kind.RETRAINED)
                    .map(StoredModel::trialNumber).filter(n -> n == models.bestTrial()).findFirst()
                    .orElseGet(() -> models.kept().stream().filter(m -> m.kind() == Kind.RETRAINED).map(StoredModel::trialNumber)
                            .findFirst().orElseThrow(() -> new IllegalArgumentException("study '" + study
                                    + "' has no retrained model; run: hpo retrain " + study)));
        }
        return models.bestKept().map(StoredModel::trialNumber).orElseThrow(() -> new IllegalArgumentException(
                "study '" + study + "' keeps no model: its trials ran without keep_models, or none completed"));
    }

    /**
     * Labelled data from {@code path}: a directory of IDX files (its t10k test files), or a CSV file
     * whose label column is {@code labelColumn}, else the study file's, else {@code label}.
     */
    static LabeledDataset labelled(Storage storage, StudyModels models, Path path, String labelColumn) throws IOException {
        if (Files.isDirectory(path)) {
            return IdxLoader.loadDirectory(path, IdxPart.TEST);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--data: " + path + " does not exist (expected a CSV file or a directory of IDX files)");
        }
        CsvFormat format = labelColumn != null ? CsvFormat.labelNamed(labelColumn) : studyCsvFormat(storage, models);
        try {
            return CsvLoader.load(path, format);
        } catch (IOException e) {
            throw new IllegalArgumentException("--data: " + e.getMessage(), e);
        }
    }

    /** The label column of the study's CSV data, or {@code label}. */
    static CsvFormat studyCsvFormat(Storage storage, StudyModels models) {
        try {
            StudyFile file = StoredStudyFile.recall(storage, models.study(), Components::sampler, Components::pruner);
            if (file.dataset().source() instanceof DataSource.CsvFile csv) {
                return csv.format();
            }
        } catch (RuntimeException notAvailable) {
            // no study file stored (a study run from Java): the default label column
        }
        return CsvFormat.labelNamed("label");
    }
}
