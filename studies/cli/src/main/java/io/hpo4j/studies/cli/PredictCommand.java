package io.hpo4j.studies.cli;

import io.hpo4j.studies.models.StudyModels;
import io.hpo4j.trainers.data.CsvFormat;
import io.hpo4j.trainers.data.FeatureRows;
import io.hpo4j.trainers.model.TrainedModel;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hpo predict STUDY [TRIAL] --data FILE}: a kept model's predictions for unlabelled rows, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict the class of each row of a CSV file of raw features with a kept model. Writes CSV: row, "
                + "predicted class, then the probability of each class.",
                "A column named like the study's label column is ignored, so the training file itself can be passed."})
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModelChoice choice;
    @Option(names = "--data", paramLabel = "FILE", required = true, description = "A CSV file of raw features (a header is optional).")
    Path data;
    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;
    @Mixin
    StorageOption storage;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StringBuilder csv = new StringBuilder();
        int rows;
        try (Storage s = storage.open()) {
            StudyModels models = StudyModels.of(s, choice.study);
            int trial = choice.trialIn(models);
            CsvFormat format = ModelChoice.studyCsvFormat(s, models);
            FeatureRows features;
            try {
                features = FeatureRows.read(data, format.labelName());
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("--data: " + data + " does not exist");
            } catch (IOException e) {
                throw new IllegalArgumentException("--data: " + e.getMessage(), e);
            }
            try (TrainedModel model = models.model(trial, choice.kind())) {
                model.scaling().requireFeatures(features.numFeatures(), data.toString());
                float[][] p = model.probabilities(features.values());
                csv.append("row,predicted");
                model.classNames().forEach(c -> csv.append(",p_").append(c));
                csv.append('\n');
                for (int i = 0; i < p.length; i++) {
                    csv.append(i).append(',').append(model.classNames().get(TrainedModel.argmax(p[i])));
                    for (float v : p[i]) {
                        csv.append(',').append(String.format(Locale.ROOT, "%.6f", v));
                    }
                    csv.append('\n');
                }
                rows = p.length;
            }
        }
        if (out == null) {
            spec.commandLine().getOut().print(csv);
        } else {
            try {
                Files.writeString(out, csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("wrote " + rows + " predictions to " + out);
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
