package io.hpo4j.studies.query;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything stored about a study at one moment, for reports and exports: its trials (all
 * states, by number), their learning curves and the analyses of the finished ones.
 *
 * <pre>{@code
 * StudySnapshot s = StudySnapshot.read(storage, "mnist-demo", TrialAnalyses.of(storage, OverfitThresholds.defaults()));
 * s.best().ifPresent(t -> System.out.println(t.number() + " " + s.analysis(t.number())));
 * }</pre>
 *
 * @param study    the study
 * @param trials   its trials, by number
 * @param curves   each trial's epochs by trial number (an empty list if it recorded none)
 * @param analyses the analyses of the finished trials, by trial number
 */
public record StudySnapshot(StudyRecord study, List<FrozenTrial> trials, Map<Integer, List<EpochMetrics>> curves,
                            Map<Integer, CurveAnalysis> analyses) {

    public StudySnapshot {
        List<FrozenTrial> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingInt(FrozenTrial::number));
        trials = List.copyOf(sorted);
        Map<Integer, List<EpochMetrics>> c = new TreeMap<>();
        curves.forEach((k, v) -> c.put(k, List.copyOf(v)));
        curves = Collections.unmodifiableMap(c);
        analyses = Collections.unmodifiableMap(new TreeMap<>(analyses));
    }

    /**
     * Reads the named study, analyzing (and storing) what {@code analyses} lacks.
     *
     * @throws IllegalArgumentException if there is no such study
     */
    public static StudySnapshot read(Storage storage, String studyName, TrialAnalyses analyses) {
        StudyRecord study = StudyLookup.require(storage, studyName);
        List<FrozenTrial> trials = storage.trials(study.id(), EnumSet.allOf(TrialState.class));
        Map<Integer, List<EpochMetrics>> curves = new LinkedHashMap<>();
        for (FrozenTrial t : trials) {
            curves.put(t.number(), t.state() == TrialState.WAITING ? List.of() : storage.epochs(t.id()));
        }
        return new StudySnapshot(study, trials, curves, analyses.ofTrials(study, trials));
    }

    /** The trial's curve (empty if none). */
    public List<EpochMetrics> curve(int number) {
        return curves.getOrDefault(number, List.of());
    }

    /** The trial's analysis, or null if it has not finished. */
    public CurveAnalysis analysis(int number) {
        return analyses.get(number);
    }

    /** The trial with this number. */
    public Optional<FrozenTrial> trial(int number) {
        return trials.stream().filter(t -> t.number() == number).findFirst();
    }

    /** COMPLETE trials with a finite value, best first (ties by number). */
    public List<FrozenTrial> ranked() {
        Comparator<FrozenTrial> byValue = Comparator.comparingDouble(FrozenTrial::value);
        if (study.direction() == io.hpo4j.tuner.Direction.MAXIMIZE) {
            byValue = byValue.reversed();
        }
        return trials.stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value()))
                .sorted(byValue.thenComparingInt(FrozenTrial::number))
                .toList();
    }

    /** The best COMPLETE trial. */
    public Optional<FrozenTrial> best() {
        List<FrozenTrial> ranked = ranked();
        return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
    }

    /** Parameter names in the order trials suggested them, over all trials. */
    public List<String> paramNames() {
        Set<String> names = new LinkedHashSet<>();
        trials.forEach(t -> names.addAll(t.params().keySet()));
        return List.copyOf(names);
    }
}
