package io.hpo4j.studies.cli;

import io.hpo4j.studies.models.StudyModels;
import io.hpo4j.trainers.data.LabeledDataset;
import io.hpo4j.trainers.model.ModelEvaluation;
import io.hpo4j.trainers.model.TrainedModel;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hpo evaluate STUDY [TRIAL] --data FILE}: a kept model on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Run a kept model on labelled data: accuracy, loss, per-class precision, recall, F1 and support, "
                + "and the confusion matrix (rows: true class, columns: predicted).",
                "The data are raw: the model applies the scaling of its training data."})
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ModelChoice choice;
    @Option(names = "--data", paramLabel = "FILE", required = true,
            description = "A CSV file with a label column, or a directory of IDX files (its t10k files are used).")
    Path data;
    @Option(names = "--label-column", paramLabel = "NAME",
            description = "The CSV label column (default: the study's, else 'label').")
    String labelColumn;
    @Mixin
    StorageOption storage;
    @Mixin
    FormatOption format;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Storage s = storage.open()) {
            StudyModels models = StudyModels.of(s, choice.study);
            int trial = choice.trialIn(models);
            LabeledDataset rows = ModelChoice.labelled(s, models, data, labelColumn);
            try (TrainedModel model = models.model(trial, choice.kind())) {
                ModelEvaluation e = model.evaluate(rows);
                if (format.format == OutputFormat.TABLE) {
                    out.printf(Locale.ROOT, "%s model of trial %d on %s: %d rows, accuracy %.4f, loss %.4f%n%n",
                            choice.retrained ? "retrained" : "best-epoch", trial, data, e.examples(), e.accuracy(), e.loss());
                }
                out.print(perClass(e).render(format.format));
                if (format.format == OutputFormat.TABLE) {
                    out.println();
                    out.println("confusion matrix (rows: true class, columns: predicted):");
                    out.print(confusion(e).render(format.format));
                }
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    static Table perClass(ModelEvaluation e) {
        Table t = new Table(List.of("class", "support", "precision", "recall", "f1")).decimals("precision", 4)
                .decimals("recall", 4).decimals("f1", 4);
        for (int c = 0; c < e.classNames().size(); c++) {
            t.add(Arrays.asList(e.classNames().get(c), e.support(c), e.precision(c), e.recall(c), e.f1(c)));
        }
        return t;
    }

    static Table confusion(ModelEvaluation e) {
        List<String> columns = new ArrayList<>();
        columns.add("true\\predicted");
        columns.addAll(e.classNames());
        Table t = new Table(columns);
        int[][] m = e.confusion();
        for (int c = 0; c < m.length; c++) {
            List<Object> row = new ArrayList<>();
            row.add(e.classNames().get(c));
            for (int v : m[c]) {
                row.add(v);
            }
            t.add(row);
        }
        return t;
    }
}
