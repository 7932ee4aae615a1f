package io.hpo4j.studies.storage;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.OverfitThresholds;

import java.time.Instant;

/**
 * A trial's {@link CurveAnalysis} as stored in {@code trial_analysis}.
 *
 * @param trialId        the trial's id
 * @param analysis       the analysis
 * @param thresholdsJson the thresholds it was made with, as {@link OverfitThresholds#toMap()} in JSON
 * @param analyzedAt     when it was stored
 */
public record StoredAnalysis(long trialId, CurveAnalysis analysis, String thresholdsJson, Instant analyzedAt) {

    /** Whether the analysis was made with {@code thresholds} (and the current rules). */
    public boolean madeWith(OverfitThresholds thresholds) {
        return thresholdsJson.equals(json(thresholds));
    }

    static String json(OverfitThresholds thresholds) {
        return Json.write(thresholds.toMap());
    }
}
