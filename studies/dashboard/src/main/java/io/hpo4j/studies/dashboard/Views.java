package io.hpo4j.studies.dashboard;

import java.util.List;
import java.util.Map;

/**
 * The JSON documents of the dashboard's API, as records (written by Jackson in snake case). Values
 * that are not finite (a diverged loss) are written as null; the verdict says why.
 */
final class Views {

    private Views() {
    }

    /** {@code GET /api/studies}. */
    record StudyList(List<StudyItem> studies, String storage) {
    }

    /** One study in the list. */
    record StudyItem(String name, String direction, String created, Map<String, Integer> counts, int total,
                     Double bestValue, Integer bestTrial, String lastActivity, String note) {
    }

    /** {@code GET /api/studies/NAME}: everything the study's pages draw. */
    record StudyDetail(StudyItem study, String metric, List<ParamView> params, List<TrialView> trials,
                       List<ImportanceView> importance, int importanceMinTrials, Map<String, Integer> verdicts) {
    }

    /** A parameter of the search space, for axes and columns. */
    record ParamView(String name, String type, Double low, Double high, boolean log, List<Object> choices) {
    }

    /**
     * A trial in a study's views.
     *
     * @param value      the objective value (COMPLETE; PRUNED: its last reported value)
     * @param bestSoFar  the best intermediate value reported so far, in the study's direction
     * @param epochs     the learning curve, one row per epoch: epoch, train loss, train accuracy,
     *                   validation loss, validation accuracy, seconds
     * @param rungs      the steps at which the trial's pruner judges it (successive halving's rungs), up to
     *                   its planned epochs; empty for a pruner that may stop it at any step
     * @param prunedAt   the epoch at which a PRUNED trial was stopped, else null
     * @param reason     why it failed, was pruned or stopped early; null otherwise
     */
    record TrialView(int number, String state, Double value, Double bestSoFar, Integer bestEpoch,
                     Map<String, Object> params, List<Double[]> intermediate, List<Double[]> epochs,
                     Integer plannedEpochs, List<Integer> rungs, Integer prunedAt, String reason, VerdictView verdict,
                     String start, String complete, Double seconds, String note) {
    }

    /**
     * A fit verdict. For a RUNNING trial it is provisional (from the epochs so far); for a PRUNED
     * one it judges only the epochs before the trial was stopped.
     */
    record VerdictView(String verdict, String label, String reason, boolean provisional, Integer overfitOnsetEpoch,
                       Double gapAccuracyBest, Double gapLossBest) {
    }

    record ImportanceView(String parameter, double importance, double pValue, int groups, int trials) {
    }

    /** {@code GET /api/studies/NAME/trials/N}: a trial with its provenance and attributes. */
    record TrialDetail(StudyItem study, String metric, TrialView trial, Map<String, Object> userAttrs,
                       Map<String, Object> systemAttrs, Map<String, Object> distributions, Integer rank) {
    }

    /** An error, with the HTTP status it came with. */
    record Error(int status, String error) {
    }
}
