package io.hpo4j.studies.run;

import io.hpo4j.studies.analysis.SelectionOptimism;
import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.models.StudyModels;
import io.hpo4j.trainers.data.TestPart;
import io.hpo4j.tuner.storage.Storage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * What {@code hpo run} does once the search is over: scores the kept best-epoch models on the
 * study's test part (if it has one) and prints the best trial's validation and test scores. How
 * much the selection flattered the best score is said once, under the leaderboard that follows
 * ({@code selection: ...}). The test part is read here for the first time in the run.
 */
public final class HeldOutEvaluation {

    private HeldOutEvaluation() {
    }

    /** Scores the kept models of {@code file}'s study on its test data and prints the best one's scores; nothing without test data. */
    public static void afterRun(Storage storage, StudyFile file, PrintWriter out, int width) {
        if (file.dataset().test() instanceof TestPart.None || file.keepModels() == 0) {
            return;
        }
        StudyModels models = StudyModels.of(storage, file.name());
        List<StudyModels.TestScore> scores;
        try {
            scores = models.evaluateKeptOnTest(file.dataset());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test data of study '" + file.name() + "': " + e.getMessage(), e);
        }
        if (scores.isEmpty()) {
            return;
        }
        out.println();
        out.println(TextFit.paragraph(String.format("test data (%s, %d rows, never seen by the search): kept models of trials %s scored",
                file.dataset().test().describe(), scores.get(0).test().examples(),
                scores.stream().map(StudyModels.TestScore::trial).toList()), width, 2));
        SelectionOptimism optimism = models.scores().optimism();
        optimism.chosen().ifPresent(best -> out.printf(Locale.ROOT, "best trial %d: validation %.4f, test %.4f%n",
                best.number(), best.validation(), best.test()));
        out.flush();
    }
}
