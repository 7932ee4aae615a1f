package io.hpo4j.studies.cli;

import io.hpo4j.studies.query.Notes;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hpo note}: writes (or shows) a note on a study or one of its trials. */
@Command(name = "note", mixinStandardHelpOptions = true,
        description = {"Write a note on a study, or on one of its trials: hpo note STUDY [TRIAL] TEXT. "
                + "An empty TEXT (\"\") removes the note; with no TEXT, the study's notes are printed.",
                "Notes show in hpo trial, hpo leaderboard and the dashboard. A note that starts with a number "
                        + "needs the trial number before it, or quotes around the whole text.",
                "",
                "Example: hpo note mnist-demo 7 \"best so far; retrain on the full data\""})
final class NoteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "[TRIAL] TEXT",
            description = "A trial number (optional), then the note's text.")
    List<String> rest = List.of();
    @Mixin
    StorageOption storage;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Storage s = storage.open()) {
            if (rest.isEmpty()) {
                Notes notes = Notes.read(s, study);
                out.println("study " + study + ": " + (notes.study().isEmpty() ? "(no note)" : notes.study()));
                notes.trials().forEach((n, text) -> out.println("  trial " + n + ": " + text));
                out.flush();
                return ExitCodes.OK;
            }
            Integer trial = rest.size() >= 2 && rest.get(0).matches("\\d{1,9}") ? Integer.valueOf(rest.get(0)) : null;
            String text = String.join(" ", trial == null ? rest : rest.subList(1, rest.size()));
            Notes.write(s, study, trial, text);
            String what = trial == null ? "study " + study : "trial " + trial + " of study " + study;
            out.println(text.isBlank() ? "removed the note of " + what : "noted on " + what + ": " + text.strip());
            out.flush();
        }
        return ExitCodes.OK;
    }
}
