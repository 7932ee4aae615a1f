package io.hpo4j.studies.storage;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.Storage;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AnalysisStore#inMemory}: analyses in a map, checked against the trials of a storage. */
final class InMemoryAnalysisStore implements AnalysisStore {

    private final Storage storage;
    private final Clock clock = Clock.systemUTC();
    private final Map<Long, StoredAnalysis> analyses = new ConcurrentHashMap<>();

    InMemoryAnalysisStore(Storage storage) {
        if (storage == null) {
            throw new IllegalArgumentException("storage must not be null");
        }
        this.storage = storage;
    }

    @Override
    public synchronized void putAll(Map<Long, CurveAnalysis> fresh, OverfitThresholds thresholds) {
        for (long id : fresh.keySet()) {
            FrozenTrial t = storage.trial(id);
            if (!t.state().isFinished()) {
                throw new IllegalStateException("cannot store the curve analysis of trial " + t.number() + ": it is "
                        + t.state() + ", and only finished trials are analyzed");
            }
        }
        String json = StoredAnalysis.json(thresholds);
        fresh.forEach((id, a) -> analyses.put(id, new StoredAnalysis(id, a, json, clock.instant())));
    }

    @Override
    public Map<Long, StoredAnalysis> ofStudy(long studyId) {
        Map<Long, StoredAnalysis> out = new LinkedHashMap<>();
        for (FrozenTrial t : storage.trials(studyId, EnumSet.allOf(TrialState.class))) {
            StoredAnalysis a = analyses.get(t.id());
            if (a != null) {
                out.put(t.id(), a);
            }
        }
        return out;
    }

    @Override
    public Optional<StoredAnalysis> ofTrial(long trialId) {
        return Optional.ofNullable(analyses.get(trialId));
    }
}
