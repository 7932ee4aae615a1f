package io.hpo4j.tuner.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.TrialOutcome;
import io.hpo4j.tuner.TrialRecord;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.Distribution;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link Storage} in the heap of one process: for tests, notebooks and objectives whose
 * results need not outlive the JVM. Thread-safe (every method is synchronized). Attribute values
 * go through JSON on the way in, so they read back exactly as a database storage would give them.
 * Each trial keeps its last snapshot until it is written to again, so reading a study's finished
 * trials copies nothing, and a study's trials are held by number, so reading the trials from a
 * number on costs what it returns.
 */
public final class InMemoryStorage implements Storage {

    private final Clock clock;
    private final Map<Long, StudyData> studies = new LinkedHashMap<>();
    private final Map<Long, TrialData> trials = new LinkedHashMap<>();
    private long nextStudyId = 1;
    private long nextTrialId = 1;

    public InMemoryStorage() {
        this(Clock.systemUTC());
    }

    public InMemoryStorage(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized StudyRecord createStudy(String name, Direction direction) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("study name must not be blank, but got '" + name + "'");
        }
        if (direction == null) {
            throw new IllegalArgumentException("study '" + name + "': direction must not be null");
        }
        if (findStudy(name).isPresent()) {
            throw new IllegalArgumentException("study '" + name + "' already exists");
        }
        StudyRecord record = new StudyRecord(nextStudyId++, name, direction, clock.instant());
        studies.put(record.id(), new StudyData(record));
        return record;
    }

    @Override
    public synchronized Optional<StudyRecord> findStudy(String name) {
        return studies.values().stream().map(s -> s.record).filter(r -> r.name().equals(name)).findFirst();
    }

    @Override
    public synchronized List<StudySummary> studies() {
        List<StudySummary> out = new ArrayList<>();
        for (StudyData s : studies.values()) {
            Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
            FrozenTrial best = null;
            for (TrialData t : trialsOf(s.record.id())) {
                counts.merge(t.state, 1, Integer::sum);
                if (t.state == TrialState.COMPLETE && t.value != null
                        && (best == null || s.record.direction().isBetter(t.value, best.value()))) {
                    best = t.freeze();
                }
            }
            out.add(new StudySummary(s.record, counts, best == null ? null : best.value(),
                    best == null ? null : best.number()));
        }
        out.sort(Comparator.comparing(x -> x.study().name()));
        return out;
    }

    @Override
    public synchronized boolean deleteStudy(String name) {
        Optional<StudyRecord> record = findStudy(name);
        record.ifPresent(r -> {
            studies.remove(r.id());
            trials.values().removeIf(t -> t.studyId == r.id());
        });
        return record.isPresent();
    }

    @Override
    public synchronized void setStudyAttr(long studyId, String key, Object value) {
        study(studyId).attrs.put(key, roundTrip(value));
    }

    @Override
    public synchronized Map<String, Object> studyAttrs(long studyId) {
        // Attribute values may be JSON null, which Map.copyOf rejects.
        return Collections.unmodifiableMap(new LinkedHashMap<>(study(studyId).attrs));
    }

    @Override
    public synchronized FrozenTrial createTrial(long studyId) {
        TrialData t = newTrial(studyId, TrialState.RUNNING);
        t.start = clock.instant();
        t.heartbeat = t.start;
        return t.freeze();
    }

    @Override
    public synchronized FrozenTrial enqueueTrial(long studyId, Map<String, Object> fixedParams) {
        TrialData t = newTrial(studyId, TrialState.WAITING);
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) roundTrip(fixedParams);
        t.record = t.record.withEnqueuedParams(copy);
        study(studyId).waiting.add(t);
        return t.freeze();
    }

    @Override
    public synchronized Optional<FrozenTrial> claimWaitingTrial(long studyId) {
        TrialData t = study(studyId).waiting.poll();
        if (t == null) {
            return Optional.empty();
        }
        t.changed();
        t.state = TrialState.RUNNING;
        t.start = clock.instant();
        t.heartbeat = t.start;
        return Optional.of(t.freeze());
    }

    @Override
    public synchronized void setTrialParam(long trialId, String name, Distribution distribution, Object value) {
        TrialData t = running(trialId, "set parameter " + name);
        if (t.params.containsKey(name)) {
            throw new IllegalStateException("trial " + t.number + ": parameter " + name + " is already set to " + t.params.get(name));
        }
        if (!distribution.contains(value)) {
            throw new IllegalArgumentException(name + ": value " + value + " is outside " + distribution.describe());
        }
        t.changed();
        t.params.put(name, distribution.canonical(value));
        t.distributions.put(name, distribution);
    }

    @Override
    public synchronized void setTrialParams(long trialId, Map<String, ParamValue> params) {
        checkNewParams(running(trialId, "set parameters " + params.keySet()), params);
        params.forEach((name, p) -> setTrialParam(trialId, name, p.distribution(), p.value()));
    }

    /** Throws as {@link #setTrialParams} does if one of {@code params} cannot be added to {@code t}. */
    private static void checkNewParams(TrialData t, Map<String, ParamValue> params) {
        for (Map.Entry<String, ParamValue> e : params.entrySet()) {
            String name = e.getKey();
            if (t.params.containsKey(name)) {
                throw new IllegalStateException("trial " + t.number + ": parameter " + name + " is already set to " + t.params.get(name));
            }
            if (!e.getValue().distribution().contains(e.getValue().value())) {
                throw new IllegalArgumentException(name + ": value " + e.getValue().value() + " is outside "
                        + e.getValue().distribution().describe());
            }
        }
    }

    @Override
    public synchronized void setIntermediateValue(long trialId, int step, double value) {
        TrialData t = running(trialId, "report step " + step);
        t.changed();
        t.intermediate.put(step, value);
        t.heartbeat = clock.instant();
    }

    @Override
    public synchronized void addEpoch(long trialId, EpochMetrics epoch) {
        TrialData t = running(trialId, "add epoch " + epoch.epoch());
        t.epochs.put(epoch.epoch(), epoch);
        t.heartbeat = clock.instant();   // epochs are not part of a snapshot: it stays valid
    }

    @Override
    public synchronized void setTrialUserAttr(long trialId, String key, Object value) {
        TrialData t = running(trialId, "set user attribute " + key);
        t.changed();
        t.userAttrs.put(key, roundTrip(value));
    }

    @Override
    public synchronized void setTrialSystemAttr(long trialId, String key, Object value) {
        TrialData t = running(trialId, "set system attribute " + key);
        t.changed();
        t.systemAttrs.put(key, roundTrip(value));
    }

    @Override
    public synchronized FrozenTrial recordTrialEnd(long trialId, TrialState state, Double value, TrialOutcome outcome) {
        if (state == null || !state.isFinished()) {
            throw new IllegalArgumentException("a trial finishes as COMPLETE, PRUNED or FAIL, but got " + state);
        }
        if (outcome == null) {
            throw new IllegalArgumentException("finishing a trial needs its outcome, but got null");
        }
        TrialData t = running(trialId, "finish as " + state);
        t.changed();
        t.state = state;
        t.value = value;
        t.failReason = outcome.stopReason().detail();
        t.record = t.record.finished(outcome);
        t.complete = clock.instant();
        return t.freeze();
    }

    @Override
    public synchronized void recordTrialStart(long trialId, long seed, Map<String, Object> systemAttrs,
                                              Map<String, ParamValue> params) {
        TrialData t = running(trialId, "record the start");
        Map<String, Object> copies = new LinkedHashMap<>();
        systemAttrs.forEach((k, v) -> copies.put(requireKey(k), roundTrip(v)));
        checkNewParams(t, params);
        t.changed();
        t.systemAttrs.putAll(copies);
        t.record = t.record.withSeed(seed);
        params.forEach((name, p) -> setTrialParam(trialId, name, p.distribution(), p.value()));
    }

    @Override
    public synchronized FrozenTrial trial(long trialId) {
        return trialData(trialId).freeze();
    }

    @Override
    public synchronized Optional<FrozenTrial> trial(long studyId, int number) {
        List<TrialData> all = study(studyId).trials;
        return number >= 0 && number < all.size() ? Optional.of(all.get(number).freeze()) : Optional.empty();
    }

    @Override
    public synchronized List<FrozenTrial> trials(long studyId, Set<TrialState> states) {
        List<FrozenTrial> out = new ArrayList<>();
        for (TrialData t : study(studyId).trials) {
            if (states.contains(t.state)) {
                out.add(t.freeze());
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public synchronized List<FrozenTrial> trialsFrom(long studyId, int fromNumber) {
        List<TrialData> all = study(studyId).trials;
        List<FrozenTrial> out = new ArrayList<>();
        for (int i = Math.max(0, fromNumber); i < all.size(); i++) {
            out.add(all.get(i).freeze());
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public synchronized List<EpochMetrics> epochs(long trialId) {
        return List.copyOf(trialData(trialId).epochs.values());
    }

    @Override
    public synchronized List<FrozenTrial> failStaleTrials(long studyId, Instant heartbeatBefore, String reason) {
        study(studyId);
        List<FrozenTrial> failed = new ArrayList<>();
        for (TrialData t : trialsOf(studyId)) {
            if (t.state == TrialState.RUNNING && t.heartbeat.isBefore(heartbeatBefore)) {
                failed.add(recordTrialEnd(t.id, TrialState.FAIL, null,
                        new TrialOutcome(null, null, new StopReason.WorkerLost(reason))));
            }
        }
        return failed;
    }

    @Override
    public void close() {
        // nothing to release
    }

    private TrialData newTrial(long studyId, TrialState state) {
        StudyData s = study(studyId);
        TrialData t = new TrialData(nextTrialId++, studyId, s.trials.size(), state);
        trials.put(t.id, t);
        s.trials.add(t);
        return t;
    }

    private List<TrialData> trialsOf(long studyId) {
        return study(studyId).trials;
    }

    private StudyData study(long studyId) {
        StudyData s = studies.get(studyId);
        if (s == null) {
            throw new IllegalArgumentException("no study with id " + studyId);
        }
        return s;
    }

    private TrialData trialData(long trialId) {
        TrialData t = trials.get(trialId);
        if (t == null) {
            throw new IllegalArgumentException("no trial with id " + trialId);
        }
        return t;
    }

    private TrialData running(long trialId, String operation) {
        TrialData t = trialData(trialId);
        if (t.state != TrialState.RUNNING) {
            throw new IllegalStateException("cannot " + operation + " on trial " + t.number + " of study '"
                    + studies.get(t.studyId).record.name() + "': it is " + t.state + ", not RUNNING");
        }
        return t;
    }

    private static Object roundTrip(Object value) {
        return AttributeValues.copy(value);
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("attribute key must not be empty, but got " + (key == null ? "null" : "''"));
        }
        return key;
    }

    private static final class StudyData {
        final StudyRecord record;
        final Map<String, Object> attrs = new LinkedHashMap<>();
        final List<TrialData> trials = new ArrayList<>();            // by number: trial N at index N
        final ArrayDeque<TrialData> waiting = new ArrayDeque<>();    // WAITING trials, by number

        StudyData(StudyRecord record) {
            this.record = record;
        }
    }

    private static final class TrialData {
        final long id;
        final long studyId;
        final int number;
        TrialState state;
        Double value;
        String failReason;
        TrialRecord record = TrialRecord.EMPTY;
        Instant start;
        Instant complete;
        Instant heartbeat;
        final Map<String, Object> params = new LinkedHashMap<>();
        final Map<String, Distribution> distributions = new LinkedHashMap<>();
        final TreeMap<Integer, Double> intermediate = new TreeMap<>();
        final TreeMap<Integer, EpochMetrics> epochs = new TreeMap<>();
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();
        private FrozenTrial snapshot;   // the last one taken, until the trial changes

        TrialData(long id, long studyId, int number, TrialState state) {
            this.id = id;
            this.studyId = studyId;
            this.number = number;
            this.state = state;
        }

        /** Called before every change of what a snapshot holds. */
        void changed() {
            snapshot = null;
        }

        FrozenTrial freeze() {
            if (snapshot == null) {
                snapshot = new FrozenTrial(id, number, state, value, params, distributions, intermediate, userAttrs,
                        systemAttrs, start, complete, failReason, record);
            }
            return snapshot;
        }
    }
}
