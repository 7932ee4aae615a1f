package io.hpo4j.tuner.sampler.tpe;

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
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * A multi-fidelity TPE in the manner of BOHB (Falkner et al., 2018): the model is fitted on the
 * values that trials had at the same budget (step, epoch), the largest budget at which enough
 * trials have been observed, so every trial's learning curve counts, pruned ones included. Pair
 * it with {@link io.hpo4j.tuner.pruner.SuccessiveHalvingPruner} or
 * {@link io.hpo4j.tuner.pruner.HyperbandPruner}, whose rungs make many trials reach the same
 * budgets.
 *
 * <pre>{@code
 * Study study = Study.builder("mlp")
 *     .searchSpace(space)
 *     .sampler(Samplers.bohb())
 *     .pruner(Pruners.successiveHalving(SuccessiveHalvingSettings.defaults().withReductionFactor(3)))
 *     .build();
 * }</pre>
 *
 * <h2>How a trial is proposed</h2>
 * <ol>
 *   <li>While fewer than {@code startupTrials} trials are COMPLETE or PRUNED: at random.</li>
 *   <li>A trial's <em>value at budget {@code s}</em> is the value it reported at the first step
 *       {@code >= s}; a COMPLETE trial that stopped before {@code s} (it had fewer epochs, or
 *       stopped early) is observed at {@code s} with its final value, since it ran its full
 *       course. The budget is the largest step, among those the study's trials reported, at which
 *       at least {@link BohbSettings#minObservations()} finished or running trials have a value.
 *       If there is none (the objective reports nothing), the sampler is {@link TpeSampler}.</li>
 *   <li>The trials observed at the budget are ranked by that value (a NaN last): the best
 *       {@code min(ceil(gamma * m), gammaCap)} of the {@code m} observed are good, the others
 *       bad; so are PRUNED trials that stopped before the budget (they lost a comparison at a
 *       lower rung) and, as constant liars, RUNNING trials that have not reached it. FAIL trials
 *       are ignored.</li>
 *   <li>The proposal is TPE's ({@link TreeParzen}) on that split.</li>
 * </ol>
 * The chosen budget is recorded as the system attribute {@value #BUDGET_ATTR}. Stateless like
 * {@link TpeSampler}: everything is read from the study's trials on every call, so it works with
 * several asynchronous workers and processes, and resumes. Immutable and thread-safe. Cost:
 * {@code O(n * r)} to find the budget ({@code r} the distinct steps) plus TPE's.
 */
public final class BohbSampler implements Sampler {

    /** System attribute: the budget (step) whose values the proposal's model was fitted on; -1 for a random or final-value proposal. */
    public static final String BUDGET_ATTR = "bohb_budget";

    private final BohbSettings settings;
    private final TpeSampler fallback;

    public BohbSampler(BohbSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("bohb sampler: settings must not be null");
        }
        this.settings = settings;
        this.fallback = new TpeSampler(settings.tpe());
    }

    public BohbSettings settings() {
        return settings;
    }

    @Override
    public Proposal sample(StudyView study, FrozenTrial trial, SearchSpace space, RandomGenerator random) {
        TpeSettings tpe = settings.tpe();
        List<FrozenTrial> trials = new ArrayList<>();
        for (FrozenTrial t : study.trials(EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING))) {
            if (t.number() != trial.number() && (tpe.constantLiar() || t.state() != TrialState.RUNNING)) {
                trials.add(t);
            }
        }
        long finished = trials.stream().filter(t -> t.state() != TrialState.RUNNING).count();
        int budget = finished < tpe.startupTrials() ? -1 : budget(trials, settings.minObservations(space.size()));
        if (budget < 0) {
            Proposal p = fallback.sample(study, trial, space, random);
            return withBudget(p, -1);
        }
        List<Observed> observed = new ArrayList<>();
        List<FrozenTrial> bad = new ArrayList<>();
        double sign = study.direction() == io.hpo4j.tuner.Direction.MINIMIZE ? 1 : -1;
        for (FrozenTrial t : trials) {
            OptionalDouble v = valueAt(t, budget);
            if (v.isPresent()) {
                observed.add(new Observed(t, Double.isNaN(v.getAsDouble()) ? Double.POSITIVE_INFINITY : sign * v.getAsDouble()));
            } else {
                bad.add(t);
            }
        }
        observed.sort(Comparator.comparingDouble(Observed::loss));
        int goodCount = Math.min(tpe.goodCount(observed.size()), observed.size());
        List<FrozenTrial> good = new ArrayList<>();
        for (int i = 0; i < observed.size(); i++) {
            (i < goodCount ? good : bad).add(observed.get(i).trial());
        }
        Comparator<FrozenTrial> byNumber = Comparator.comparingInt(FrozenTrial::number);
        good.sort(byNumber);
        bad.sort(byNumber);
        Map<String, Object> params = TreeParzen.propose(space, TpeSampler.paramsOf(good), TpeSampler.paramsOf(bad),
                tpe, random);
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (tpe.constantLiar()) {
            attrs.put(TpeSampler.RELATIVE_PARAMS_ATTR, params);
        }
        attrs.put(BUDGET_ATTR, budget);
        return new Proposal(params, attrs);
    }

    private static Proposal withBudget(Proposal p, int budget) {
        Map<String, Object> attrs = new LinkedHashMap<>(p.attributes());
        attrs.put(BUDGET_ATTR, budget);
        return new Proposal(p.params(), attrs);
    }

    @Override
    public Object sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution,
                                    RandomGenerator random) {
        return fallback.sampleIndependent(study, trial, name, distribution, random);
    }

    private record Observed(FrozenTrial trial, double loss) {
    }

    /** The largest reported step at which at least {@code needed} trials have a value; -1 if none. */
    static int budget(List<FrozenTrial> trials, int needed) {
        TreeSet<Integer> steps = new TreeSet<>();
        for (FrozenTrial t : trials) {
            steps.addAll(t.intermediateValues().keySet());
        }
        for (Integer step : steps.descendingSet()) {
            int count = 0;
            for (FrozenTrial t : trials) {
                if (valueAt(t, step).isPresent() && ++count >= needed) {
                    return step;
                }
            }
        }
        return -1;
    }

    /** The trial's value at budget {@code step}, if it was observed there. */
    static OptionalDouble valueAt(FrozenTrial trial, int step) {
        SortedMap<Integer, Double> later = trial.intermediateValues().tailMap(step);
        if (!later.isEmpty()) {
            return OptionalDouble.of(later.get(later.firstKey()));
        }
        if (trial.state() == TrialState.COMPLETE && trial.value() != null) {
            return OptionalDouble.of(trial.value());
        }
        return OptionalDouble.empty();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "bohb");
        map.putAll(settings.toMap());
        return map;
    }

    @Override
    public String toString() {
        return "BohbSampler" + describe();
    }
}
