package io.hpo4j.studies.dashboard;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.CurveAnalyzer;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.analysis.Importance;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.analysis.ParameterImportance;
import io.hpo4j.studies.query.Leaderboard;
import io.hpo4j.studies.query.LeaderboardRow;
import io.hpo4j.studies.query.Notes;
import io.hpo4j.studies.query.StudyLookup;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.pruner.Pruner;
import io.hpo4j.tuner.pruner.Pruners;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;
import io.hpo4j.tuner.storage.StudySummary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the API's documents from a storage, reading only (analyses are computed, never stored).
 * Thread-safe if the storage is.
 */
final class StudyViews {

    private final Storage storage;
    private final CurveAnalyzer analyzer;
    private final Clock clock;

    StudyViews(Storage storage, OverfitThresholds thresholds, Clock clock) {
        this.storage = storage;
        this.analyzer = new CurveAnalyzer(thresholds);
        this.clock = clock;
    }

    Views.StudyList studies(String storageName) {
        List<Views.StudyItem> items = new ArrayList<>();
        for (StudySummary s : storage.studies()) {
            Map<String, Object> attrs = storage.studyAttrs(s.study().id());
            items.add(item(s, lastActivity(s.study()), Notes.of(attrs).study()));
        }
        return new Views.StudyList(items, storageName);
    }

    /** @throws NotFound if there is no such study */
    Views.StudyDetail study(String name) {
        StudyRecord study = find(name);
        List<FrozenTrial> trials = storage.trials(study.id(), EnumSet.allOf(TrialState.class));
        Notes notes = Notes.of(storage.studyAttrs(study.id()));
        List<Views.TrialView> views = new ArrayList<>();
        Metric metric = recordedMetric(trials);
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        Map<Object, Pruner> pruners = new HashMap<>();
        int lastStep = trials.stream().mapToInt(t -> t.lastStep().orElse(0)).max().orElse(0);
        for (FrozenTrial t : trials) {
            List<EpochMetrics> curve = t.state() == TrialState.WAITING ? List.of() : storage.epochs(t.id());
            Views.TrialView v = trial(t, curve, study, notes, metric, pruners, lastStep);
            views.add(v);
            if (v.verdict() != null) {
                verdicts.merge(v.verdict().label(), 1, Integer::sum);
            }
        }
        List<Views.ImportanceView> importance = ParameterImportance.estimate(trials).stream()
                .map(StudyViews::importance).toList();
        return new Views.StudyDetail(item(summary(study, trials), latest(trials), notes.study()),
                metricName(metric), params(trials), views, importance,
                ParameterImportance.MIN_TRIALS, verdicts);
    }

    /** @throws NotFound if there is no such study or trial */
    Views.TrialDetail trial(String name, int number) {
        StudyRecord study = find(name);
        FrozenTrial t = storage.trial(study.id(), number)
                .orElseThrow(() -> new NotFound("study '" + name + "' has no trial " + number));
        List<FrozenTrial> trials = storage.trials(study.id(), EnumSet.allOf(TrialState.class));
        List<EpochMetrics> curve = storage.epochs(t.id());
        Notes notes = Notes.of(storage.studyAttrs(study.id()));
        Metric metric = t.record().objective() != null ? TrialAnalyses.monitor(t) : recordedMetric(trials);
        Map<String, Object> distributions = new LinkedHashMap<>();
        t.distributions().forEach((k, d) -> distributions.put(k, describe(d)));
        return new Views.TrialDetail(item(summary(study, trials), latest(trials), notes.study()),
                metricName(metric), trial(t, curve, study, notes, metric, new HashMap<>(),
                        trials.stream().mapToInt(x -> x.lastStep().orElse(0)).max().orElse(0)),
                t.userAttrs(), t.systemAttrs(), distributions, rank(t, name, trials.size()));
    }

    private StudyRecord find(String name) {
        return storage.findStudy(name).orElseThrow(() -> new NotFound(StudyLookup.missing(storage, name)));
    }

    /**
     * The curve metric the study's trials recorded (a running trial records its metric when it
     * finishes, so the study's finished trials speak for it), or null if none recorded one.
     */
    private static Metric recordedMetric(List<FrozenTrial> trials) {
        return trials.stream().filter(t -> t.record().objective() != null).findFirst()
                .map(TrialAnalyses::monitor).orElse(null);
    }

    private Views.TrialView trial(FrozenTrial t, List<EpochMetrics> curve, StudyRecord study, Notes notes,
                                  Metric studyMetric, Map<Object, Pruner> pruners, int studyLastStep) {
        Direction direction = study.direction();
        List<Double[]> intermediate = new ArrayList<>();
        t.intermediateValues().forEach((step, v) -> intermediate.add(new Double[]{(double) step, finite(v)}));
        Double best = Leaderboard.bestSoFar(t, direction).orElse(null);
        Integer bestEpoch = best == null ? null : t.intermediateValues().entrySet().stream()
                .filter(e -> e.getValue().equals(best)).map(Map.Entry::getKey).findFirst().orElse(null);
        List<Double[]> epochs = new ArrayList<>();
        for (EpochMetrics e : curve) {
            epochs.add(new Double[]{(double) e.epoch(), finite(e.trainLoss()), finite(e.trainAccuracy()),
                    finite(e.validationLoss()), finite(e.validationAccuracy()), finite(e.seconds())});
        }
        Integer prunedAt = null;
        if (t.state() == TrialState.PRUNED) {
            prunedAt = t.lastStep().orElse(curve.isEmpty() ? null : curve.get(curve.size() - 1).epoch());
        }
        String reason = t.failReason();
        if ((reason == null || reason.isEmpty()) && t.record().stopReason() != null
                && !(t.record().stopReason() instanceof StopReason.Completed)) {   // running all its epochs needs no reason
            reason = t.record().stopReason().describe();
        }
        Instant end = t.complete() != null ? t.complete() : t.state() == TrialState.RUNNING ? clock.instant() : null;
        Double seconds = t.start() == null || end == null ? null : Duration.between(t.start(), end).toMillis() / 1000.0;
        return new Views.TrialView(t.number(), t.state().name(), finite(t.value()), best, bestEpoch, t.params(),
                intermediate, epochs, plannedEpochs(t), rungs(t, study.name(), curve, pruners, studyLastStep), prunedAt, reason == null || reason.isEmpty() ? null : reason,
                verdict(t, curve, prunedAt, studyMetric), t.start() == null ? null : t.start().toString(),
                t.complete() == null ? null : t.complete().toString(), seconds, notes.trial(t.number()).orElse(null));
    }

    /**
     * The verdict, provisional while the trial runs; "PRUNED at epoch N" labels a pruned trial
     * ("at step N" if it recorded no epochs). Null for a trial with no learning curve to judge (a
     * plain objective's reports are not one), unless it was pruned.
     */
    private Views.VerdictView verdict(FrozenTrial t, List<EpochMetrics> curve, Integer prunedAt, Metric studyMetric) {
        if (t.state() == TrialState.WAITING || (curve.isEmpty() && t.state() != TrialState.PRUNED)) {
            return null;
        }
        String at = prunedAt == null ? "" : (curve.isEmpty() ? " at step " : " at epoch ") + prunedAt;
        if (curve.isEmpty()) {
            return new Views.VerdictView(null, "PRUNED" + at, "the pruner stopped it" + at, false, null, null, null);
        }
        Metric monitored = t.record().objective() == null && studyMetric != null ? studyMetric : TrialAnalyses.monitor(t);
        CurveAnalysis a = analyzer.analyze(curve, monitored);
        String label = switch (t.state()) {
            case RUNNING -> a.verdict().name() + " (so far)";
            case PRUNED -> "PRUNED" + at;
            default -> a.verdict().name();
        };
        String reason = switch (t.state()) {
            case RUNNING -> "provisional, from " + curve.size() + " epoch" + (curve.size() == 1 ? "" : "s")
                    + " so far: " + a.reason();
            case PRUNED -> "the pruner stopped it" + at + "; its " + curve.size() + " epoch" + (curve.size() == 1 ? "" : "s") + ": "
                    + a.verdict().name() + ", " + a.reason();
            default -> a.reason();
        };
        return new Views.VerdictView(a.verdict().name(), label, reason, t.state() == TrialState.RUNNING,
                a.overfitOnsetEpoch(), a.gapAccuracyBest(), a.gapLossBest());
    }

    /** The trial's rank on the {@link Leaderboard} if it is COMPLETE, or RUNNING with a value so far; else null. */
    private Integer rank(FrozenTrial trial, String studyName, int trials) {
        if (!(trial.state() == TrialState.COMPLETE || trial.state() == TrialState.RUNNING)) {
            return null;
        }
        return new Leaderboard(storage, clock).rows(studyName, Math.max(1, trials)).stream()
                .filter(r -> r.number() == trial.number() && (r.value() != null || r.epochsRun() > 0))
                .map(LeaderboardRow::rank).findFirst().orElse(null);
    }

    /**
     * The steps at which the trial's pruner (as the trial recorded it) judges it, up to its planned
     * epochs (or, for a trial that plans none, the last step any trial of the study reported);
     * empty for a pruner without rungs, or one this version cannot rebuild. {@code pruners}
     * caches the rebuilt pruners by description.
     */
    private static List<Integer> rungs(FrozenTrial t, String studyName, List<EpochMetrics> curve, Map<Object, Pruner> pruners,
                                       int studyLastStep) {
        Object description = t.systemAttrs().get(Pruner.SYSTEM_ATTR);
        if (!(description instanceof Map<?, ?> map)) {
            return List.of();
        }
        Pruner pruner = pruners.computeIfAbsent(description, d -> {
            Map<String, Object> settings = new LinkedHashMap<>();
            map.forEach((k, v) -> settings.put(String.valueOf(k), v));
            try {
                return Pruners.fromDescription(settings);
            } catch (IllegalArgumentException e) {   // a pruner of a plug-in, or of another version: no marks
                return Pruners.none();
            }
        });
        int last = Math.max(t.lastStep().orElse(0), curve.isEmpty() ? 0 : curve.get(curve.size() - 1).epoch());
        Integer planned = plannedEpochs(t);
        return pruner.rungs(studyName, t.number(), Math.max(last, planned == null ? studyLastStep : planned));
    }

    private static Integer plannedEpochs(FrozenTrial t) {
        Object e = t.params().get("epochs");
        return e instanceof Number n ? n.intValue() : null;
    }

    private static List<Views.ParamView> params(List<FrozenTrial> trials) {
        Map<String, Views.ParamView> out = new LinkedHashMap<>();
        for (FrozenTrial t : trials) {
            t.distributions().forEach((name, d) -> out.computeIfAbsent(name, n -> param(n, d)));
        }
        return List.copyOf(out.values());
    }

    private static Views.ParamView param(String name, Distribution d) {
        if (d instanceof FloatDistribution f) {
            return new Views.ParamView(name, "float", f.low(), f.high(), f.log(), null);
        }
        if (d instanceof IntDistribution i) {
            return new Views.ParamView(name, "int", (double) i.low(), (double) i.high(), i.log(), null);
        }
        return new Views.ParamView(name, "categorical", null, null, false, ((CategoricalDistribution) d).choices());
    }

    private static Map<String, Object> describe(Distribution d) {
        Views.ParamView p = param("", d);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.type());
        if (p.choices() != null) {
            m.put("choices", p.choices());
        } else {
            m.put("low", p.low());
            m.put("high", p.high());
            m.put("log", p.log());
        }
        return m;
    }

    private static Views.ImportanceView importance(Importance i) {
        return new Views.ImportanceView(i.parameter(), i.importance(), i.pValue(), i.groups(), i.trials());
    }

    private static Views.StudyItem item(StudySummary s, Instant lastActivity, String note) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        s.countsByState().forEach((k, v) -> counts.put(k.name(), v));
        return new Views.StudyItem(s.study().name(), s.study().direction().name(), s.study().created().toString(),
                counts, s.total(), finite(s.bestValue()), s.bestTrialNumber(),
                lastActivity == null ? null : lastActivity.toString(), note.isEmpty() ? null : note);
    }

    private static StudySummary summary(StudyRecord study, List<FrozenTrial> trials) {
        Map<TrialState, Integer> counts = new LinkedHashMap<>();
        FrozenTrial best = null;
        for (FrozenTrial t : trials) {
            counts.merge(t.state(), 1, Integer::sum);
            if (t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value())
                    && (best == null || study.direction().isBetter(t.value(), best.value()))) {
                best = t;
            }
        }
        return new StudySummary(study, counts, best == null ? null : best.value(), best == null ? null : best.number());
    }

    private Instant lastActivity(StudyRecord study) {
        return latest(storage.trials(study.id(), EnumSet.allOf(TrialState.class)));
    }

    private static Instant latest(List<FrozenTrial> trials) {
        Instant latest = null;
        for (FrozenTrial t : trials) {
            for (Instant i : new Instant[]{t.start(), t.complete()}) {
                if (i != null && (latest == null || i.isAfter(latest))) {
                    latest = i;
                }
            }
        }
        return latest;
    }

    private static String metricName(Metric metric) {
        return metric != null ? metric.key() : "value";   // the page says the direction next to it
    }

    private static Double finite(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }

    /** A study or trial that does not exist: HTTP 404. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }
}
