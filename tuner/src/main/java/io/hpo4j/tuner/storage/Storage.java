package io.hpo4j.tuner.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialOutcome;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.Distribution;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where studies, trials, parameters, intermediate values and learning curves live.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Thread-safe.</b> Every method may be called from several threads at once; a storage
 *       backed by a database server may also be shared by several processes.</li>
 *   <li><b>Durable per call.</b> Each write is committed before the method returns, so a crash
 *       loses nothing that a returned call wrote (an epoch is on disk when its epoch ends).</li>
 *   <li><b>Unique numbers.</b> {@link #createTrial} and {@link #enqueueTrial} give each trial of
 *       a study the next number, 0, 1, 2, ..., never the same one twice, even under concurrent
 *       writers.</li>
 *   <li><b>Snapshots.</b> Returned {@link FrozenTrial}s and records never change; read again to see
 *       later writes.</li>
 *   <li><b>Finished trials are read-only.</b> Writing to a trial that is not RUNNING (its params,
 *       values, epochs, attributes, or finishing it again) throws {@link IllegalStateException}
 *       naming the trial and its state.</li>
 *   <li><b>Values.</b> NaN and infinite values (intermediate values, epoch metrics) are stored and
 *       read back as they were. Attribute values are JSON-compatible: strings, numbers, booleans,
 *       null, lists and maps of those.</li>
 *   <li><b>Errors.</b> Unknown study or trial ids throw {@link IllegalArgumentException}; failures
 *       of the underlying store throw {@link StorageException} naming the operation.</li>
 * </ul>
 */
public interface Storage extends AutoCloseable {

    /**
     * Creates a study.
     *
     * @throws IllegalArgumentException if a study with that name exists, or the name is blank
     */
    StudyRecord createStudy(String name, Direction direction);

    Optional<StudyRecord> findStudy(String name);

    /** All studies with their counts and best values, by name. */
    List<StudySummary> studies();

    /** Deletes a study with all its trials; returns whether it existed. */
    boolean deleteStudy(String name);

    void setStudyAttr(long studyId, String key, Object value);

    Map<String, Object> studyAttrs(long studyId);

    /** Starts a new RUNNING trial with the next number, started now. */
    FrozenTrial createTrial(long studyId);

    /**
     * Adds a WAITING trial with the next number whose parameters are fixed in advance (read back
     * as {@link io.hpo4j.tuner.TrialRecord#enqueuedParams()}); a worker claims it with
     * {@link #claimWaitingTrial}.
     */
    FrozenTrial enqueueTrial(long studyId, Map<String, Object> fixedParams);

    /** Atomically moves the lowest-numbered WAITING trial to RUNNING (started now) and returns it; empty if none waits. */
    Optional<FrozenTrial> claimWaitingTrial(long studyId);

    /**
     * The next trial for a worker: the lowest-numbered WAITING trial, claimed as by
     * {@link #claimWaitingTrial}, or else a new RUNNING trial as by {@link #createTrial}. A
     * storage may do both in one round trip.
     */
    default FrozenTrial claimOrCreateTrial(long studyId) {
        return claimWaitingTrial(studyId).orElseGet(() -> createTrial(studyId));
    }

    /** Records a parameter's value and distribution; a parameter is set once per trial. */
    void setTrialParam(long trialId, String name, Distribution distribution, Object value);

    /** Records (or replaces) the intermediate value at {@code step}, and refreshes the trial's heartbeat. */
    void setIntermediateValue(long trialId, int step, double value);

    /** Records one epoch of the trial's learning curve, and refreshes the trial's heartbeat. */
    void addEpoch(long trialId, EpochMetrics epoch);

    void setTrialUserAttr(long trialId, String key, Object value);

    void setTrialSystemAttr(long trialId, String key, Object value);

    /**
     * Finishes a RUNNING trial, recording only a state and a reason: {@link #recordTrialEnd} with
     * {@link TrialOutcome#of(TrialState, String)}.
     *
     * @param state      COMPLETE, PRUNED or FAIL
     * @param value      the objective value (null for FAIL)
     * @param failReason why it failed or was pruned; null for COMPLETE
     * @return the finished snapshot
     * @throws IllegalStateException if the trial is not RUNNING
     */
    default FrozenTrial finishTrial(long trialId, TrialState state, Double value, String failReason) {
        if (state == null || !state.isFinished()) {
            throw new IllegalArgumentException("a trial finishes as COMPLETE, PRUNED or FAIL, but got " + state);
        }
        return recordTrialEnd(trialId, state, value, TrialOutcome.of(state, failReason));
    }

    // ---------------------------------------------------------------- typed trial records (issue 8)

    /**
     * Finishes a RUNNING trial with what it measured: its state and value, and the outcome's
     * objective metric, best epoch and stop reason, in one write. The stop reason's detail is
     * the snapshot's {@link FrozenTrial#failReason()}.
     *
     * @param state COMPLETE, PRUNED or FAIL
     * @param value the objective value (null for FAIL)
     * @return the finished snapshot
     * @throws IllegalStateException if the trial is not RUNNING
     */
    FrozenTrial recordTrialEnd(long trialId, TrialState state, Double value, TrialOutcome outcome);

    /**
     * Records, in one write, what a RUNNING trial starts with: the seed it runs with
     * ({@link io.hpo4j.tuner.TrialRecord#seed()}) and hpo4j's system attributes (sampler,
     * lineage, provenance...): {@link #recordTrialStart(long, long, Map, Map)} without parameters.
     *
     * @throws IllegalStateException if the trial is not RUNNING
     */
    default void recordTrialStart(long trialId, long seed, Map<String, Object> systemAttrs) {
        recordTrialStart(trialId, seed, systemAttrs, Map.of());
    }

    /**
     * Records, in one write, what a RUNNING trial starts with: its seed, hpo4j's system attributes
     * and the parameters known when it starts (those of a declared search space), each parameter
     * as {@link #setTrialParams} would; all or nothing.
     *
     * @throws IllegalStateException    if the trial is not RUNNING, or has one of the parameters
     * @throws IllegalArgumentException if a value is outside its distribution
     */
    void recordTrialStart(long trialId, long seed, Map<String, Object> systemAttrs, Map<String, ParamValue> params);

    /**
     * Records several parameters of a RUNNING trial in one write, in the map's order; each as
     * {@link #setTrialParam} would, all or nothing.
     */
    default void setTrialParams(long trialId, Map<String, ParamValue> params) {
        params.forEach((name, p) -> setTrialParam(trialId, name, p.distribution(), p.value()));
    }

    FrozenTrial trial(long trialId);

    Optional<FrozenTrial> trial(long studyId, int number);

    /** The study's trials in the given states, by number. */
    List<FrozenTrial> trials(long studyId, Set<TrialState> states);

    /**
     * The study's trials numbered {@code fromNumber} or higher, in all states, by number: what a
     * reader that has seen the older, finished trials still needs (the inferred search space of a
     * define-by-run study). The default filters {@link #trials(long, Set)}; a storage that can
     * read only those trials overrides it.
     */
    default List<FrozenTrial> trialsFrom(long studyId, int fromNumber) {
        return trials(studyId, java.util.EnumSet.allOf(TrialState.class)).stream()
                .filter(t -> t.number() >= fromNumber).toList();
    }

    /** The trial's learning curve, by epoch. */
    List<EpochMetrics> epochs(long trialId);

    /**
     * Marks as FAIL every RUNNING trial of the study whose heartbeat (its start, or its last
     * reported value or epoch) is older than {@code heartbeatBefore}: trials of a process that
     * died. Returns the trials it failed.
     */
    List<FrozenTrial> failStaleTrials(long studyId, Instant heartbeatBefore, String reason);

    /** Releases connections and files. Idempotent. */
    @Override
    void close();
}
