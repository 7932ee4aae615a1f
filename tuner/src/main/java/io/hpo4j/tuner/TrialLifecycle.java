package io.hpo4j.tuner;

import io.hpo4j.tuner.pruner.Pruner;
import io.hpo4j.tuner.sampler.Proposal;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.ParamValue;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ask and tell: starts trials (an enqueued one first, otherwise a new one whose parameters the
 * sampler proposes for the declared or inferred space), records each trial's seed, provenance and
 * (for a declared space) parameters in one write, and finishes trials. Remembers which trials this process is running, so that a shutdown hook can
 * fail them. Thread-safe.
 */
final class TrialLifecycle {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrialLifecycle.class);

    /** The same for every trial of the process: read once. */
    private static final Map<String, Object> RUNTIME = Provenance.runtime();

    private final TrialContext context;
    private final StudyRecord record;
    private final SearchSpace declared;
    private final long seed;
    private final IntersectionSearchSpace inferred;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    TrialLifecycle(TrialContext context, StudyRecord record, SearchSpace declared, long seed) {
        this.context = context;
        this.record = record;
        this.declared = declared;
        this.seed = seed;
        Storage storage = context.storage();
        this.inferred = new IntersectionSearchSpace(from -> storage.trialsFrom(record.id(), from));
    }

    FrozenTrial enqueue(Map<String, ?> params) {
        Map<String, Object> checked = new LinkedHashMap<>();
        params.forEach((name, value) -> checked.put(name, declared.contains(name)
                ? SearchSpace.named(name, () -> declared.get(name).canonical(value)) : value));
        return context.storage().enqueueTrial(record.id(), checked);
    }

    Trial ask() {
        Storage storage = context.storage();
        FrozenTrial frozen = storage.claimOrCreateTrial(record.id());
        running.add(frozen.id());
        try {
            return start(frozen);
        } catch (RuntimeException | Error e) {
            finish(frozen.id(), TrialState.FAIL, null, TrialOutcome.of(TrialState.FAIL, "could not start: " + Throwables.describe(e)));
            throw e;
        }
    }

    private Trial start(FrozenTrial frozen) {
        long trialSeed = trialSeed(seed, frozen.number());
        Map<String, Object> fixed = frozen.record().enqueued() ? frozen.record().enqueuedParams() : Map.of();
        SearchSpace space = declared.isEmpty() ? inferred.calculate() : declared;
        Map<String, Object> proposal = Map.of();
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (!space.isEmpty()) {
            Proposal p = context.sampler().sample(context.view(), frozen, space, new SplittableRandom(trialSeed));
            for (Map.Entry<String, Object> e : p.params().entrySet()) {
                Distribution d = space.get(e.getKey());
                if (d == null || !d.contains(e.getValue())) {
                    throw new IllegalStateException(context.sampler() + " proposed " + e.getKey() + "=" + e.getValue()
                            + ", which is outside the search space " + space);
                }
            }
            proposal = p.params();
            attrs.putAll(p.attributes());
        }
        attrs.putAll(provenance());
        // The objective's seed differs from the sampler's (trialSeed), so the two are not correlated.
        long objectiveSeed = trialSeed ^ 0x5DEECE66DL;
        Trial trial = new Trial(context, frozen.id(), frozen.number(), proposal, fixed, objectiveSeed);
        // A declared space's parameters are known now: recorded with the start, in one write.
        Map<String, ParamValue> known = declared.isEmpty() ? Map.of() : trial.knownAtStart();
        context.storage().recordTrialStart(frozen.id(), objectiveSeed, attrs, known);
        trial.recordedAtStart(known.keySet());
        return trial;
    }

    /** What every trial records about how it was produced, so that it can be rerun. */
    private Map<String, Object> provenance() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("sampler", context.sampler().describe());
        attrs.put(Pruner.SYSTEM_ATTR, context.pruner().describe());
        attrs.put("seed", seed);
        attrs.put("runtime", RUNTIME);
        return attrs;
    }

    FrozenTrial tell(Trial trial, double value) {
        if (!Double.isFinite(value)) {
            return finish(trial.id(), TrialState.FAIL, null,
                    trial.outcome(TrialState.FAIL, "objective returned " + value, record.direction()));
        }
        return finish(trial.id(), TrialState.COMPLETE, value, trial.outcome(TrialState.COMPLETE, null, record.direction()));
    }

    FrozenTrial tell(Trial trial, TrialState state, String reason) {
        if (state == TrialState.PRUNED) {
            FrozenTrial snapshot = context.storage().trial(trial.id());
            Double last = snapshot.intermediateValues().isEmpty() ? null
                    : snapshot.intermediateValues().get(snapshot.intermediateValues().lastKey());
            return finish(trial.id(), TrialState.PRUNED, last != null && Double.isFinite(last) ? last : null,
                    trial.outcome(TrialState.PRUNED, reason, record.direction()));
        }
        if (state == TrialState.FAIL) {
            return finish(trial.id(), TrialState.FAIL, null, trial.outcome(TrialState.FAIL, reason, record.direction()));
        }
        throw new IllegalArgumentException("tell with a state takes PRUNED or FAIL, but got " + state
                + "; use tell(trial, value) to complete a trial");
    }

    /**
     * Finishes a trial. If another worker finished it meanwhile (it failed it as lost because this
     * process stalled past the storage's heartbeat grace, say), the stored outcome stands and is
     * returned, with a warning: the loop goes on.
     */
    private FrozenTrial finish(long trialId, TrialState state, Double value, TrialOutcome outcome) {
        try {
            FrozenTrial finished;
            try {
                finished = context.storage().recordTrialEnd(trialId, state, value, outcome);
            } catch (IllegalStateException e) {
                // Told twice here (not running here any more): the caller's mistake.
                FrozenTrial stored = running.contains(trialId) ? context.storage().trial(trialId) : null;
                if (stored == null || !stored.state().isFinished()) {
                    throw e;
                }
                LOG.warn("trial {} was finished elsewhere as {} ({}); its outcome here ({}) is dropped",
                        stored.number(), stored.state(), stored.failReason(), state);
                return stored;
            }
            context.sampler().onTrialFinished(context.view(), finished);
            return finished;
        } finally {
            running.remove(trialId);
        }
    }

    int failRunningTrials(String reason) {
        int failed = 0;
        for (Long id : List.copyOf(running)) {
            try {
                if (context.storage().trial(id).state() == TrialState.RUNNING) {
                    finish(id, TrialState.FAIL, null, new TrialOutcome(null, null, new StopReason.Interrupted(reason)));
                    failed++;
                }
            } catch (IllegalStateException e) {
                // finished by its worker in the meantime: nothing to fail
                running.remove(id);
            }
        }
        return failed;
    }

    /** A well-mixed seed for trial {@code number} of a study seeded with {@code seed} (SplitMix64's finalizer). */
    static long trialSeed(long seed, int number) {
        long z = seed + 0x9E3779B97F4A7C15L * (number + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
