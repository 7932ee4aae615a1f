package io.hpo4j.tuner;

import io.hpo4j.tuner.pruner.PruneDecision;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.ParamValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A running trial, as the objective sees it: suggest hyperparameters, report intermediate values
 * and epochs, ask whether to prune, set attributes. Everything is written to the study's storage
 * as it happens.
 *
 * <pre>{@code
 * Objective objective = trial -> {
 *     int layers = trial.suggestInt("layers", 1, 3);
 *     double lr = trial.suggestFloat("learning_rate", 1e-4, 1e-1, true);
 *     String optimizer = trial.suggestCategorical("optimizer", List.of("sgd", "adam"));
 *     double accuracy = 0;
 *     for (int epoch = 1; epoch <= 10; epoch++) {
 *         accuracy = train(layers, lr, optimizer);
 *         trial.report(epoch, accuracy);
 *         if (trial.shouldPrune()) {
 *             throw trial.pruned();
 *         }
 *     }
 *     return accuracy;
 * };
 * }</pre>
 *
 * <p>Suggesting a parameter again with the same distribution returns the first value; with
 * another distribution it is an {@link IllegalArgumentException} naming both. A parameter of the study's declared
 * search space gets the value the sampler proposed for the whole space, recorded when the trial
 * starts (with its seed, in one write); asking for it with a different range than the declared
 * one is an error. A trial is used by one thread at a time.
 */
public final class Trial {

    private final TrialContext study;
    private final long id;
    private final int number;
    private final Map<String, Object> proposal;
    private final Map<String, Object> fixed;
    private final RandomGenerator random;
    private final long seed;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Distribution> distributions = new LinkedHashMap<>();
    /** Parameters the study recorded when the trial started (see {@link #knownAtStart()}), not to be written again. */
    private final Set<String> recordedAtStart = new HashSet<>();
    private String pruneReason = "";

    Trial(TrialContext study, long id, int number, Map<String, Object> proposal, Map<String, Object> fixed, long seed) {
        this.study = study;
        this.id = id;
        this.number = number;
        this.proposal = proposal;
        this.fixed = fixed;
        this.seed = seed;
        this.random = new java.util.SplittableRandom(seed);
    }

    /**
     * This trial's seed, derived from the study's seed and the trial's number: use it to seed
     * whatever the objective randomizes (weight initialization, shuffling) so that a trial can be
     * rerun exactly. It is the seed stored with the trial ({@link TrialRecord#seed()}).
     */
    public long seed() {
        return seed;
    }

    /** The trial's number in its study, from 0. */
    public int number() {
        return number;
    }

    /** The storage's id of the trial. */
    public long id() {
        return id;
    }

    /** The study this trial belongs to, read-only. */
    public StudyView study() {
        return study.view();
    }

    /**
     * The parameters suggested so far, in order; unmodifiable. (The storage may have more: a
     * declared search space's parameters are recorded when the trial starts.)
     */
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    /** An integer in {@code [low, high]}. */
    public int suggestInt(String name, int low, int high) {
        return (Integer) suggest(name, SearchSpace.named(name, () -> IntDistribution.of(low, high)));
    }

    /** An integer in {@code [low, high]}, log-uniformly if {@code log}. */
    public int suggestInt(String name, int low, int high, boolean log) {
        return (Integer) suggest(name, SearchSpace.named(name, () -> new IntDistribution(low, high, log, 1)));
    }

    /** An integer in {@code low, low + step, ..., high}. */
    public int suggestInt(String name, int low, int high, int step) {
        return (Integer) suggest(name, SearchSpace.named(name, () -> IntDistribution.stepped(low, high, step)));
    }

    /** A real number in {@code [low, high]}. */
    public double suggestFloat(String name, double low, double high) {
        return (Double) suggest(name, SearchSpace.named(name, () -> FloatDistribution.of(low, high)));
    }

    /** A real number in {@code [low, high]}, log-uniformly if {@code log}. */
    public double suggestFloat(String name, double low, double high, boolean log) {
        return (Double) suggest(name, SearchSpace.named(name, () -> new FloatDistribution(low, high, log, 0)));
    }

    /** A real number in {@code low, low + step, ..., high}. */
    public double suggestFloat(String name, double low, double high, double step) {
        return (Double) suggest(name, SearchSpace.named(name, () -> FloatDistribution.stepped(low, high, step)));
    }

    /** One of {@code choices}. */
    @SuppressWarnings("unchecked")
    public <T> T suggestCategorical(String name, List<T> choices) {
        Object value = suggest(name, SearchSpace.named(name, () -> new CategoricalDistribution(new ArrayList<>(choices))));
        for (T choice : choices) {
            if (new CategoricalDistribution(List.of(choice)).contains(value)) {
                return choice;
            }
        }
        return (T) value;
    }

    /** The declared parameter {@code name}, as an int. */
    public int suggestInt(String name) {
        return ((Number) suggest(name)).intValue();
    }

    /** The declared parameter {@code name}, as a double. */
    public double suggestFloat(String name) {
        return ((Number) suggest(name)).doubleValue();
    }

    /** The declared parameter {@code name}: an Integer, a Double, or one of its choices. */
    public Object suggest(String name) {
        Distribution declared = study.view().searchSpace().get(name);
        if (declared == null) {
            throw new IllegalArgumentException(name + ": not declared in the search space of study '" + study.view().name()
                    + "'; declared parameters are " + study.view().searchSpace().names());
        }
        return suggest(name, declared);
    }

    /**
     * Every parameter of the declared search space, in declaration order, recorded in one write
     * (none: the study recorded them when the trial started).
     */
    public Map<String, Object> suggestAll() {
        SearchSpace space = study.view().searchSpace();
        Map<String, ParamValue> fresh = new LinkedHashMap<>();
        for (String name : space.names()) {
            Distribution d = space.get(name);
            if (distributions.containsKey(name)) {
                suggest(name, d);   // checks that it was suggested with the declared distribution
            } else {
                fresh.put(name, new ParamValue(d, draw(name, d)));
            }
        }
        if (!fresh.isEmpty()) {
            Map<String, ParamValue> unrecorded = new LinkedHashMap<>(fresh);
            unrecorded.keySet().removeAll(recordedAtStart);
            if (!unrecorded.isEmpty()) {
                study.storage().setTrialParams(id, unrecorded);
            }
            fresh.forEach((name, p) -> {
                params.put(name, p.value());
                distributions.put(name, p.distribution());
            });
        }
        return params();
    }

    /**
     * The value of {@code name} drawn from {@code distribution}, recorded in storage. Suggesting
     * {@code name} again with the same distribution returns the same value.
     *
     * @throws IllegalArgumentException if {@code name} was already suggested in this trial with
     *                                  another distribution, or the study declares it with another
     */
    public Object suggest(String name, Distribution distribution) {
        Distribution first = distributions.get(name);
        if (first != null) {
            if (!first.equals(distribution)) {
                throw new IllegalArgumentException(name + ": suggested again as " + distribution.describe()
                        + " in trial " + number + ", but it was first suggested as " + first.describe()
                        + "; a parameter has one distribution per trial");
            }
            return params.get(name);
        }
        Object value = draw(name, distribution);
        if (!recordedAtStart.contains(name)) {
            study.storage().setTrialParam(id, name, distribution, value);
        }
        params.put(name, value);
        distributions.put(name, distribution);
        return value;
    }

    /**
     * The parameters of the declared search space whose values are known before the objective
     * runs (enqueued or proposed), with the values {@link #suggest(String)} will return: the study
     * records them with the trial's start, in one write. Empty if one of them is not a valid value
     * (then each is recorded, or refused, when it is suggested).
     */
    Map<String, ParamValue> knownAtStart() {
        SearchSpace space = study.view().searchSpace();
        Map<String, ParamValue> known = new LinkedHashMap<>();
        try {
            for (String name : space.names()) {
                if (fixed.containsKey(name) || proposal.containsKey(name)) {
                    known.put(name, new ParamValue(space.get(name), draw(name, space.get(name))));
                }
            }
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        return known;
    }

    /** Notes that the study recorded these parameters when the trial started. */
    void recordedAtStart(Set<String> names) {
        recordedAtStart.addAll(names);
    }

    /** The value of a parameter not suggested yet: enqueued, proposed, or sampled on its own. */
    private Object draw(String name, Distribution distribution) {
        Distribution declared = study.view().searchSpace().get(name);
        if (declared != null && !declared.equals(distribution)) {
            throw new IllegalArgumentException(name + ": suggested as " + distribution.describe()
                    + " but the study declares it as " + declared.describe());
        }
        Object value;
        if (fixed.containsKey(name)) {
            value = SearchSpace.named(name, () -> distribution.canonical(fixed.get(name)));
        } else if (proposal.containsKey(name)) {
            value = distribution.canonical(proposal.get(name));
        } else {
            value = distribution.canonical(study.sampler().sampleIndependent(study.view(), snapshot(), name, distribution, random));
        }
        return value;
    }

    /** Reports the objective's intermediate value at {@code step} (an epoch, say), for pruners and curves. */
    public void report(int step, double value) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, but got " + step);
        }
        study.storage().setIntermediateValue(id, step, value);
        reported.put(step, value);
    }

    /** Records one epoch of the learning curve (train/validation loss and accuracy). */
    public void reportEpoch(EpochMetrics epoch) {
        study.storage().addEpoch(id, epoch);
    }

    /** Asks the study's pruner whether this trial should stop now, given what it reported so far. */
    public boolean shouldPrune() {
        PruneDecision decision = study.pruner().decide(study.view(), snapshot());
        pruneReason = decision.reason();
        return decision.prune();
    }

    /** The exception to throw after {@link #shouldPrune()} said yes; it carries the pruner's reason. */
    public TrialPrunedException pruned() {
        return new TrialPrunedException(pruneReason.isEmpty() ? "pruned at the objective's request" : pruneReason);
    }

    /** Sets a user attribute (JSON-compatible value), stored with the trial. */
    public void setUserAttr(String key, Object value) {
        study.storage().setTrialUserAttr(id, key, value);
    }

    /** A fresh snapshot of this trial from storage. */
    public FrozenTrial snapshot() {
        return study.storage().trial(id);
    }

    // ---------------------------------------------------------------- typed trial record (issue 8)

    private final SortedMap<Integer, Double> reported = new TreeMap<>();
    private ObjectiveMetric objectiveMetric;
    private StopReason declaredStop;

    /**
     * Records what this trial's value and intermediate values measure (an objective that declares
     * {@link Objective#metric()} gets it recorded by {@code optimize}); stored when it finishes.
     */
    public void recordObjectiveMetric(ObjectiveMetric metric) {
        this.objectiveMetric = metric;
    }

    /**
     * Records why the objective stopped, when it knows better than the study: early stopping
     * before the last epoch, or divergence (then throw). Stored when the trial finishes; without
     * it the study records completed, pruned or failed from how the trial ended.
     */
    public void recordStop(StopReason reason) {
        this.declaredStop = reason;
    }

    /** What this trial records when it finishes as {@code state} for {@code reason}. */
    TrialOutcome outcome(TrialState state, String reason, Direction studyDirection) {
        Integer last = reported.isEmpty() ? null : reported.lastKey();
        StopReason stop = declaredStop;
        if (stop == null || !fits(stop, state)) {
            stop = switch (state) {
                case COMPLETE -> new StopReason.Completed(last);
                case PRUNED -> new StopReason.Pruned(last, reason);
                default -> new StopReason.Failed(reason);
            };
        }
        Direction direction = objectiveMetric != null ? objectiveMetric.direction() : studyDirection;
        return new TrialOutcome(objectiveMetric, BestEpoch.of(reported, direction), stop);
    }

    /** Whether a declared stop reason describes a trial that ends as {@code state}. */
    private static boolean fits(StopReason stop, TrialState state) {
        if (stop instanceof StopReason.Completed || stop instanceof StopReason.EarlyStopped) {
            return state == TrialState.COMPLETE;
        }
        if (stop instanceof StopReason.Pruned) {
            return state == TrialState.PRUNED;
        }
        return state == TrialState.FAIL;
    }

    @Override
    public String toString() {
        return "Trial{study=" + study.view().name() + ", number=" + number + ", params=" + params + "}";
    }
}
