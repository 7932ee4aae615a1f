package io.hpo4j.studies.storage;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.tuner.storage.Storage;

import java.util.Map;
import java.util.Optional;

/**
 * Where the curve analyses of finished trials are kept, next to a {@link Storage}: the
 * {@code trial_analysis} table of a {@link JdbcStorage} ({@link JdbcStorage#analyses()}), or memory
 * ({@link #inMemory(Storage)}). Only {@code hpo run} (and code that asks for it) writes analyses;
 * queries read what is stored and compute the rest without storing it.
 *
 * <h2>Contract</h2>
 * Thread-safe. {@link #putAll} replaces the trials' previous analyses, all or nothing, and only for
 * finished trials ({@link IllegalStateException} otherwise; {@link IllegalArgumentException} for an
 * unknown trial). Reads return snapshots.
 */
public interface AnalysisStore {

    /** Stores the analyses of finished trials, by trial id, made with {@code thresholds}. */
    void putAll(Map<Long, CurveAnalysis> analyses, OverfitThresholds thresholds);

    /** Stores one trial's analysis; see {@link #putAll}. */
    default void put(long trialId, CurveAnalysis analysis, OverfitThresholds thresholds) {
        putAll(Map.of(trialId, analysis), thresholds);
    }

    /** The stored analyses of the study's trials, by trial id. */
    Map<Long, StoredAnalysis> ofStudy(long studyId);

    /** The stored analysis of one trial, if any. */
    Optional<StoredAnalysis> ofTrial(long trialId);

    /** An analysis store in memory for the trials of {@code storage}. */
    static AnalysisStore inMemory(Storage storage) {
        return new InMemoryAnalysisStore(storage);
    }
}
