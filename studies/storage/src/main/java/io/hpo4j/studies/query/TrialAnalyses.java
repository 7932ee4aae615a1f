package io.hpo4j.studies.query;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.CurveAnalyzer;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.storage.AnalysisStore;
import io.hpo4j.studies.storage.StoredAnalysis;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The curve analyses of a study's finished trials: analyses kept in an {@link AnalysisStore} with
 * the same thresholds are read back, the others (trials that finished while no {@code hpo run} was
 * analyzing them — a study run from Java code, say — or analyses made with other thresholds) are
 * computed on read and <b>not stored</b>: queries never write. Only {@link #analyze} stores.
 *
 * <pre>{@code
 * Map<Integer, CurveAnalysis> byNumber = TrialAnalyses.of(storage, storage.analyses(), OverfitThresholds.defaults())
 *         .ofStudy("mnist-demo");
 * }</pre>
 *
 * <p>The metric that picks a trial's best epoch is the one the trial recorded as its objective
 * ({@link io.hpo4j.tuner.TrialRecord#objective()}) when it is a curve metric; a trial that
 * recorded none is judged on {@link EpochMetrics.Metric#VALIDATION_LOSS}.
 *
 * <p>Thread-safe if the storage is.
 */
public final class TrialAnalyses {

    private static final Set<TrialState> FINISHED = EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL);

    private final Storage storage;
    private final AnalysisStore store;
    private final CurveAnalyzer analyzer;

    private TrialAnalyses(Storage storage, AnalysisStore store, CurveAnalyzer analyzer) {
        this.storage = storage;
        this.store = store;
        this.analyzer = analyzer;
    }

    /** Analyses of the trials in {@code storage} with {@code thresholds}, kept in {@code store}. */
    public static TrialAnalyses of(Storage storage, AnalysisStore store, OverfitThresholds thresholds) {
        if (storage == null || store == null) {
            throw new IllegalArgumentException("storage and analysis store must not be null, but got " + storage + " and " + store);
        }
        return new TrialAnalyses(storage, store, new CurveAnalyzer(thresholds));
    }

    /** Analyses computed on read, with nothing stored before (an in-memory store). */
    public static TrialAnalyses of(Storage storage, OverfitThresholds thresholds) {
        return of(storage, AnalysisStore.inMemory(storage), thresholds);
    }

    public OverfitThresholds thresholds() {
        return analyzer.thresholds();
    }

    /**
     * The analyses of the named study's finished trials, by trial number.
     *
     * @throws IllegalArgumentException if there is no such study
     */
    public Map<Integer, CurveAnalysis> ofStudy(String studyName) {
        StudyRecord study = StudyLookup.require(storage, studyName);
        return ofTrials(study, storage.trials(study.id(), FINISHED));
    }

    /** The analyses of the finished ones of {@code trials} (of {@code study}), by trial number. */
    public Map<Integer, CurveAnalysis> ofTrials(StudyRecord study, List<FrozenTrial> trials) {
        Map<Long, StoredAnalysis> stored = store.ofStudy(study.id());
        Map<Integer, CurveAnalysis> out = new TreeMap<>();
        for (FrozenTrial t : trials) {
            if (!t.state().isFinished()) {
                continue;
            }
            StoredAnalysis s = stored.get(t.id());
            if (s != null && s.madeWith(analyzer.thresholds())) {
                out.put(t.number(), s.analysis());
            } else {
                out.put(t.number(), compute(t));
            }
        }
        return out;
    }

    /** Analyzes one finished trial now and stores the analysis (what {@code hpo run} does as trials finish). */
    public CurveAnalysis analyze(FrozenTrial trial) {
        CurveAnalysis a = compute(trial);
        store.put(trial.id(), a, analyzer.thresholds());
        return a;
    }

    private CurveAnalysis compute(FrozenTrial trial) {
        return analyzer.analyze(storage.epochs(trial.id()), monitor(trial));
    }

    /** The curve metric that picks the trial's best epoch: its recorded objective, or validation loss. */
    public static EpochMetrics.Metric monitor(FrozenTrial trial) {
        return trial.record().objective() == null ? EpochMetrics.Metric.VALIDATION_LOSS
                : trial.record().objective().curveMetric().orElse(EpochMetrics.Metric.VALIDATION_LOSS);
    }
}
