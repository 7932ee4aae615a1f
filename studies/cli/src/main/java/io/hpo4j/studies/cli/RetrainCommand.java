package io.hpo4j.studies.cli;

import io.hpo4j.studies.config.StoredStudyFile;
import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.models.StudyModels;
import io.hpo4j.studies.run.Components;
import io.hpo4j.studies.run.ProgressReporter;
import io.hpo4j.trainers.model.ModelEvaluation;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hpo retrain STUDY [--trial N]}: the final fit of a chosen configuration. */
@Command(name = "retrain", mixinStandardHelpOptions = true,
        description = {"Retrain a trial's configuration (default: the best trial's) on the training and validation data "
                + "together, for the number of epochs its best epoch had, seeded with the trial's seed; evaluate it once "
                + "on the study's test data; keep the model and its score with the study (hpo model export --retrained, "
                + "hpo leaderboard, hpo report show them).",
                "The data come from the study file the study was run from."})
final class RetrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;
    @Option(names = "--trial", paramLabel = "N", description = "The trial to retrain (default: the best completed one).")
    Integer trial;
    @Option(names = "--seed", paramLabel = "S", description = "Seed of the weights, dropout and shuffles (default: the trial's).")
    Long seed;
    @Mixin
    StorageOption storage;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (Storage s = storage.open()) {
            StudyModels models = StudyModels.of(s, study);
            StudyFile file = StoredStudyFile.recall(s, models.study(), Components::sampler, Components::pruner);
            int number = trial != null ? trial : models.bestTrial();
            long start = System.nanoTime();
            StudyModels.Retrained r;
            try {
                r = models.retrain(number, file.dataset(), seed);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the data of study '" + study + "': " + e.getMessage(), e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            out.printf("retrained trial %d of %s on %,d training + validation rows for %d epochs (seed %d) in %s%n", r.trial(),
                    study, r.trainExamples(), r.epochs(), r.seed(), ProgressReporter.clockTime(took));
            if (r.test().isPresent()) {
                ModelEvaluation e = r.test().get();
                out.printf(Locale.ROOT, "test (%d rows): accuracy %.4f, loss %.4f%n", e.examples(), e.accuracy(), e.loss());
            } else {
                out.println("no test data in the study file (test_fraction or test_path): the model is not evaluated");
            }
            out.printf("kept; export it with: hpo model export %s %d --retrained -o model.zip%n", study, r.trial());
            out.flush();
        }
        return ExitCodes.OK;
    }
}
