package io.hpo4j.studies.run;

import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.TrialListener;
import io.hpo4j.tuner.storage.StorageException;

import java.io.PrintWriter;

/**
 * Analyzes each trial's learning curve when it finishes and stores the analysis
 * ({@link TrialAnalyses}), so that {@code trial_analysis} is filled while a study runs. A
 * failure to analyze is reported on {@code out} and does not stop the study: the analysis is
 * derived data, and the next {@code hpo leaderboard} (or report, export, sql) computes what is
 * missing. Thread-safe.
 */
final class AnalysisListener implements TrialListener {

    private final TrialAnalyses analyses;
    private final PrintWriter out;

    AnalysisListener(TrialAnalyses analyses, PrintWriter out) {
        this.analyses = analyses;
        this.out = out;
    }

    @Override
    public void onTrialFinished(StudyView study, FrozenTrial trial) {
        try {
            analyses.analyze(trial);
        } catch (StorageException | IllegalArgumentException | IllegalStateException e) {
            out.printf("warning: could not store the curve analysis of trial %d (hpo leaderboard will retry): %s%n",
                    trial.number(), e.getMessage());
            out.flush();
        }
    }
}
