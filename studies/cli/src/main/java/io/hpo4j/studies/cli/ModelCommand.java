package io.hpo4j.studies.cli;

import io.hpo4j.studies.models.StudyModels;
import io.hpo4j.studies.storage.ModelStore.StoredModel;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hpo model}: the networks a study keeps. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "The networks a study keeps: the best epoch's weights of its best keep_models trials, and retrained ones.",
        subcommands = {ModelCommand.ListCommand.class, ModelCommand.ExportModelCommand.class})
final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code hpo model list STUDY}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a study's kept models and the bytes they use.")
    static final class ListCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
        String study;
        @Mixin
        StorageOption storage;
        @Mixin
        FormatOption format;
        @Mixin
        WidthOption width;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Storage s = storage.open()) {
                StudyModels models = StudyModels.of(s, study);
                Table table = new Table(List.of("trial", "model", "value", "epochs", "seed", "bytes", "sha256", "created"))
                        .priority("seed", 3).priority("sha256", 4).priority("created", 2);
                for (StoredModel m : models.kept()) {
                    table.add(Arrays.asList(m.trialNumber(), m.kind().name().toLowerCase(java.util.Locale.ROOT), m.objectiveValue(),
                            m.epochs(), m.seed(), m.sizeBytes(), m.sha256().substring(0, 12), m.createdAt().toString()));
                }
                spec.commandLine().getOut().print(table.render(format.format, width.terminal().columns()));
                if (format.format == OutputFormat.TABLE) {
                    spec.commandLine().getOut().printf("%d models, %,d bytes%n", table.size(), models.keptBytes());
                }
                spec.commandLine().getOut().flush();
            }
            return ExitCodes.OK;
        }
    }

    /** {@code hpo model export STUDY [TRIAL] -o FILE}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a kept model as a standard DL4J model file: ModelSerializer.restoreMultiLayerNetwork(file) loads "
                    + "the network, ModelSerializer.restoreNormalizerFromFile(file) the feature scaling it expects "
                    + "(none if the features are used as loaded), and the entry hpo4j-model.json says where it came from."})
    static final class ExportModelCommand implements Callable<Integer> {
        @Mixin
        ModelChoice choice;
        @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true, description = "The model file to write (.zip).")
        Path out;
        @Mixin
        StorageOption storage;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            byte[] bytes;
            int trial;
            try (Storage s = storage.open()) {
                StudyModels models = StudyModels.of(s, choice.study);
                trial = choice.trialIn(models);
                bytes = models.modelBytes(trial, choice.kind());
            }
            try {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.write(out, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().printf("wrote the %s model of trial %d of %s to %s (%,d bytes)%n",
                    choice.retrained ? "retrained" : "best-epoch", trial, choice.study, out, bytes.length);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
