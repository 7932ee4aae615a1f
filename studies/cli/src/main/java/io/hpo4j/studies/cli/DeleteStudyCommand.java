package io.hpo4j.studies.cli;

import io.hpo4j.studies.query.StudyLookup;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hpo delete-study}: deletes a study with all its trials, after asking. */
@Command(name = "delete-study", mixinStandardHelpOptions = true,
        description = {"Delete a study with all its trials, parameters, curves, analyses and notes. It cannot be undone.",
                "Asks for confirmation (type y) unless --yes is given; without a terminal or --yes, nothing is deleted."})
final class DeleteStudyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;
    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    boolean yes;
    @Mixin
    StorageOption storage;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Storage s = storage.open()) {
            StudySummary summary = s.studies().stream().filter(x -> x.study().name().equals(study)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(StudyLookup.missing(s, study)));
            if (!yes) {
                err.print("Delete study '" + study + "' and its " + summary.total() + " trials? This cannot be undone. [y/N] ");
                err.flush();
                String answer = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
                    err.println();
                    err.println("hpo delete-study: not deleted" + (answer == null
                            ? " (no answer: standard input is closed; pass --yes to delete without asking)" : ""));
                    err.flush();
                    return ExitCodes.INVALID_INPUT;
                }
            }
            s.deleteStudy(study);
            out.println("deleted study " + study + " (" + summary.total() + " trials)");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
