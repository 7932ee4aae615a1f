package io.hpo4j.studies.query;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.CurveAnalyzer;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.storage.AnalysisStore;
import io.hpo4j.studies.storage.JdbcStorage;
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
 * The curve analyses of a study's finished trials, kept in the {@code trial_analysis} table:
 * analyses stored with the same thresholds are read back, the others (trials that finished while
 * no {@code hpo run} was analyzing them — a study run from Java code, say — or analyses made with
 * other thresholds) are computed now and stored, in one transaction. On a storage other than
 * {@link JdbcStorage} nothing is stored and everything is computed on read.
 *
 * <pre>{@code
 * Map<Integer, CurveAnalysis> byNumber = TrialAnalyses.of(storage, OverfitThresholds.defaults()).ofStudy("mnist-demo");
 * }</pre>
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

    /** Analyses in {@code storage} with {@code thresholds}; stored if it is a {@link JdbcStorage}. */
    public static TrialAnalyses of(Storage storage, OverfitThresholds thresholds) {
        if (storage == null) {
            throw new IllegalArgumentException("storage must not be null");
        }
        return new TrialAnalyses(storage, storage instanceof JdbcStorage j ? new AnalysisStore(j) : null,
                new CurveAnalyzer(thresholds));
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
        StudyRecord study = Queries.study(storage, studyName);
        return ofTrials(study, storage.trials(study.id(), FINISHED));
    }

    /** The analyses of the finished ones of {@code trials} (of {@code study}), by trial number. */
    public Map<Integer, CurveAnalysis> ofTrials(StudyRecord study, List<FrozenTrial> trials) {
        Map<Long, StoredAnalysis> stored = store == null ? Map.of() : store.ofStudy(study.id());
        Map<Integer, CurveAnalysis> out = new TreeMap<>();
        Map<Long, CurveAnalysis> fresh = new LinkedHashMap<>();
        for (FrozenTrial t : trials) {
            if (!t.state().isFinished()) {
                continue;
            }
            StoredAnalysis s = stored.get(t.id());
            if (s != null && s.madeWith(analyzer.thresholds())) {
                out.put(t.number(), s.analysis());
            } else {
                CurveAnalysis a = compute(t, study.direction());
                fresh.put(t.id(), a);
                out.put(t.number(), a);
            }
        }
        if (store != null) {
            store.putAll(fresh, analyzer.thresholds());
        }
        return out;
    }

    /** Analyzes one finished trial of a study with {@code direction} now, and stores the analysis. */
    public CurveAnalysis analyze(FrozenTrial trial, Direction direction) {
        CurveAnalysis a = compute(trial, direction);
        if (store != null) {
            store.put(trial.id(), a, analyzer.thresholds());
        }
        return a;
    }

    private CurveAnalysis compute(FrozenTrial trial, Direction direction) {
        List<EpochMetrics> curve = storage.epochs(trial.id());
        return analyzer.analyze(curve, CurveAnalyzer.monitorOf(trial, curve, direction));
    }
}
