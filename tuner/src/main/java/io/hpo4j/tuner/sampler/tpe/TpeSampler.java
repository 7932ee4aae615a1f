package io.hpo4j.tuner.sampler.tpe;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.sampler.Proposal;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.SearchSpace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The tree-structured Parzen estimator (TPE) with Optuna's semantics ({@code TPESampler}).
 *
 * <pre>{@code
 * Study study = Study.builder("mlp")
 *     .searchSpace(space)
 *     .sampler(Samplers.tpe())                 // or Samplers.tpe(TpeSettings.builder()...build())
 *     .seed(7)
 *     .build();
 * }</pre>
 *
 * <h2>How a trial is proposed</h2>
 * <ol>
 *   <li>While fewer than {@link TpeSettings#startupTrials()} trials are COMPLETE or PRUNED, the
 *       parameters are drawn at random (the same draws as the random sampler).</li>
 *   <li>Otherwise the finished trials are split: the best {@code min(ceil(gamma * n), gammaCap)}
 *       of the {@code n} COMPLETE and PRUNED trials are good, the others bad. COMPLETE trials
 *       rank by value; PRUNED ones rank after them, those that reached a later step first, then
 *       by the last value they reported (a NaN last), and a pruned trial that reported nothing
 *       ranks last. FAIL trials are ignored. With {@link TpeSettings#constantLiar()}, the other
 *       RUNNING trials are bad too, at the parameters they were given (read from the system
 *       attribute {@value #RELATIVE_PARAMS_ATTR} that every proposal records, so workers in
 *       other processes see them), which keeps parallel workers from proposing the same point.</li>
 *   <li>{@link TreeParzen} fits an estimator to each side (jointly over the parameters if
 *       {@link TpeSettings#multivariate()}, else one per parameter) and proposes the candidate
 *       with the best ratio; see {@link ParzenEstimator} for the kernels.</li>
 * </ol>
 * Parameters that the objective suggests outside the declared (or inferred) space are proposed
 * one at a time by {@link #sampleIndependent} in the same way (univariate), which is how
 * define-by-run spaces are searched.
 *
 * <h2>State, reproducibility, threads, cost</h2>
 * The sampler keeps no state: it reads the study's trials on every call, so a resumed study, or
 * workers in several processes sharing a storage, continue the same search. All randomness comes
 * from the generator passed in (the study seeds one per trial), so a seeded study run with one
 * job proposes the same sequence every time. Immutable and thread-safe. A proposal costs
 * {@code O(n log n + C * n * d)} for {@code n} trials, {@code C} candidates and {@code d}
 * parameters: linear in the number of trials once their snapshots are read.
 */
public final class TpeSampler implements Sampler {

    /** System attribute holding the parameters a proposal gave its trial, read for constant liars. */
    public static final String RELATIVE_PARAMS_ATTR = "tpe_relative_params";

    private final TpeSettings settings;

    public TpeSampler(TpeSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("tpe sampler: settings must not be null");
        }
        this.settings = settings;
    }

    public TpeSettings settings() {
        return settings;
    }

    @Override
    public Proposal sample(StudyView study, FrozenTrial trial, SearchSpace space, RandomGenerator random) {
        Map<String, Object> params = propose(study, trial, space, random);
        return settings.constantLiar()
                ? new Proposal(params, Map.of(RELATIVE_PARAMS_ATTR, params))
                : Proposal.of(params);
    }

    @Override
    public Object sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution,
                                    RandomGenerator random) {
        SearchSpace one = SearchSpace.of(Map.of(name, distribution));
        return propose(study, trial, one, random).get(name);
    }

    private Map<String, Object> propose(StudyView study, FrozenTrial trial, SearchSpace space, RandomGenerator random) {
        EnumSet<TrialState> states = settings.constantLiar()
                ? EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING)
                : EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED);
        List<FrozenTrial> trials = new ArrayList<>();
        for (FrozenTrial t : study.trials(states)) {
            if (t.number() != trial.number()) {
                trials.add(t);
            }
        }
        long finished = trials.stream().filter(t -> t.state() != TrialState.RUNNING).count();
        if (finished < settings.startupTrials()) {
            return space.sample(random);
        }
        Split split = split(trials, study.direction(), settings.goodCount((int) finished));
        return TreeParzen.propose(space, paramsOf(split.good()), paramsOf(split.bad()), settings, random);
    }

    /** Good and bad trials, each by number. */
    record Split(List<FrozenTrial> good, List<FrozenTrial> bad) {
    }

    /** Optuna's split of COMPLETE, PRUNED and RUNNING trials into the {@code goodCount} best and the rest. */
    static Split split(List<FrozenTrial> trials, Direction direction, int goodCount) {
        double sign = direction == Direction.MINIMIZE ? 1 : -1;
        List<FrozenTrial> complete = new ArrayList<>();
        List<FrozenTrial> pruned = new ArrayList<>();
        List<FrozenTrial> bad = new ArrayList<>();
        for (FrozenTrial t : trials) {
            switch (t.state()) {
                case COMPLETE -> {
                    if (t.value() != null && !t.value().isNaN()) {
                        complete.add(t);
                    }
                }
                case PRUNED -> pruned.add(t);
                case RUNNING -> bad.add(t);
                default -> {
                    // FAIL and WAITING trials teach nothing
                }
            }
        }
        complete.sort(Comparator.comparingDouble(t -> sign * t.value()));
        pruned.sort(Comparator.<FrozenTrial>comparingInt(t -> t.intermediateValues().isEmpty() ? 1 : -t.lastStep().get())
                .thenComparingDouble(t -> prunedLoss(t, sign)));
        List<FrozenTrial> good = new ArrayList<>();
        int fromComplete = Math.min(goodCount, complete.size());
        good.addAll(complete.subList(0, fromComplete));
        bad.addAll(complete.subList(fromComplete, complete.size()));
        int fromPruned = Math.min(goodCount - fromComplete, pruned.size());
        good.addAll(pruned.subList(0, fromPruned));
        bad.addAll(pruned.subList(fromPruned, pruned.size()));
        Comparator<FrozenTrial> byNumber = Comparator.comparingInt(FrozenTrial::number);
        good.sort(byNumber);
        bad.sort(byNumber);
        return new Split(good, bad);
    }

    private static double prunedLoss(FrozenTrial t, double sign) {
        if (t.intermediateValues().isEmpty()) {
            return 0;
        }
        double last = t.intermediateValues().get(t.lastStep().get());
        return Double.isNaN(last) ? Double.POSITIVE_INFINITY : sign * last;
    }

    static List<Map<String, Object>> paramsOf(List<FrozenTrial> trials) {
        return trials.stream().map(TpeSampler::params).toList();
    }

    /** A trial's parameters; for a RUNNING one, those its proposal recorded, overridden by those it has set. */
    static Map<String, Object> params(FrozenTrial trial) {
        if (trial.state() != TrialState.RUNNING || !(trial.systemAttrs().get(RELATIVE_PARAMS_ATTR) instanceof Map<?, ?> m)) {
            return trial.params();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        m.forEach((k, v) -> params.put(String.valueOf(k), v));
        params.putAll(trial.params());
        return params;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "tpe");
        map.putAll(settings.toMap());
        return map;
    }

    @Override
    public String toString() {
        return "TpeSampler" + settings.toMap();
    }
}
