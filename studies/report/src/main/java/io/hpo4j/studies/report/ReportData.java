package io.hpo4j.studies.report;

import io.hpo4j.studies.analysis.Importance;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.query.LeaderboardRow;
import io.hpo4j.studies.query.StudySnapshot;
import io.hpo4j.studies.query.TrialColumn;
import io.hpo4j.tuner.EpochMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data embedded in the HTML report as JSON: the study, the thresholds, the importances and
 * every trial (by number) as its trial row — the columns of {@link TrialColumn}, the names of
 * {@code hpo export} and of the view {@code trial_overview} — with its {@code params} and its
 * {@code curve}. Standard JSON: non-finite numbers are null.
 */
final class ReportData {

    private ReportData() {
    }

    static Map<String, Object> of(StudySnapshot s, List<LeaderboardRow> rows, List<Importance> importance,
                                  OverfitThresholds thresholds, Instant now) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("name", s.study().name());
        study.put("direction", s.study().direction().name());
        study.put("created_at", s.study().created().toString());
        root.put("study", study);
        root.put("generated_at", now.toString());
        root.put("thresholds", thresholds.toMap());
        List<Map<String, Object>> imp = new ArrayList<>();
        for (Importance i : importance) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("parameter", i.parameter());
            m.put("importance", i.importance());
            m.put("omega_squared", i.omegaSquared());
            m.put("groups", i.groups());
            m.put("trials", i.trials());
            m.put("p_value", i.pValue());
            imp.add(m);
        }
        root.put("importance", imp);
        List<Map<String, Object>> trials = new ArrayList<>();
        for (LeaderboardRow row : rows) {
            // the trial row's columns (the names of hpo export and trial_overview), its parameters and its curve
            Map<String, Object> m = TrialColumn.valuesOf(row);
            m.put("params", row.params());
            List<Map<String, Object>> curve = new ArrayList<>();
            for (EpochMetrics e : s.curve(row.number())) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("epoch", e.epoch());
                em.put("train_loss", e.trainLoss());
                em.put("train_accuracy", e.trainAccuracy());
                em.put("validation_loss", e.validationLoss());
                em.put("validation_accuracy", e.validationAccuracy());
                em.put("seconds", e.seconds());
                curve.add(em);
            }
            m.put("curve", curve);
            trials.add(m);
        }
        root.put("trials", trials);
        return root;
    }
}
