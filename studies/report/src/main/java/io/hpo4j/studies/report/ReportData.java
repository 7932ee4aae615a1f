package io.hpo4j.studies.report;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.Importance;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.query.StudySnapshot;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data embedded in the HTML report as JSON: the study, the thresholds, the importances and
 * every trial with its parameters, value, analysis and curve. Keys are snake_case like the
 * columns of {@code hpo export}; non-finite numbers are the strings "NaN", "Infinity".
 */
final class ReportData {

    private ReportData() {
    }

    static Map<String, Object> of(StudySnapshot s, List<Importance> importance, OverfitThresholds thresholds,
                                            Instant now) {
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
        for (FrozenTrial t : s.trials()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", t.number());
            m.put("state", t.state().name());
            m.put("value", t.value());
            m.put("params", t.params());
            m.put("started_at", t.start() == null ? null : t.start().toString());
            m.put("completed_at", t.complete() == null ? null : t.complete().toString());
            m.put("fail_reason", t.failReason());
            CurveAnalysis a = s.analysis(t.number());
            if (a != null) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("epochs", a.epochs());
                am.put("monitored_metric", a.monitor().key());
                am.put("best_epoch", a.bestEpoch());
                am.put("gap_accuracy_best", a.gapAccuracyBest());
                am.put("gap_accuracy_last", a.gapAccuracyLast());
                am.put("gap_loss_best", a.gapLossBest());
                am.put("gap_loss_last", a.gapLossLast());
                am.put("overfit_onset_epoch", a.overfitOnsetEpoch());
                am.put("verdict", a.verdict().name());
                am.put("reason", a.reason());
                m.put("analysis", am);
            } else {
                m.put("analysis", null);
            }
            List<Map<String, Object>> curve = new ArrayList<>();
            for (EpochMetrics e : s.curve(t.number())) {
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
