package io.hpo4j.studies.query;

import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.util.List;

/**
 * One trial with its learning curve, as {@code hpo trial} shows it.
 *
 * @param study the trial's study
 * @param trial the trial
 * @param curve its epochs, in order
 */
public record TrialReport(StudyRecord study, FrozenTrial trial, List<EpochMetrics> curve) {

    public TrialReport {
        curve = List.copyOf(curve);
    }

    /**
     * Reads trial {@code number} of the named study.
     *
     * @throws IllegalArgumentException if the study or the trial does not exist
     */
    public static TrialReport read(Storage storage, String studyName, int number) {
        StudyRecord study = StudyLookup.require(storage, studyName);
        FrozenTrial trial = storage.trial(study.id(), number).orElseThrow(() -> new IllegalArgumentException(
                "study '" + studyName + "' has no trial " + number + " (it has "
                        + storage.trials(study.id(), java.util.EnumSet.allOf(io.hpo4j.tuner.TrialState.class)).size()
                        + " trials, numbered from 0)"));
        return new TrialReport(study, trial, storage.epochs(trial.id()));
    }
}
