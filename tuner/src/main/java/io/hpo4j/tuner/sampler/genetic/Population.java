package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.SearchSpace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds the parent population from a study's stored trials: the {@code elites} best eligible
 * trials, then the most recently numbered eligible ones up to {@code size}. Eligible trials are
 * COMPLETE or PRUNED with a finite value and a valid value for every parameter of the space.
 * A proposal reads every trial once ({@link #paramsOf}) and picks the members without sorting the
 * study: the elites by one pass that keeps the best {@code elites}, the others from the end of the
 * trials by number. Stateless.
 */
final class Population {

    /** Ranks members best first; among equals, the earlier trial first. */
    static final Comparator<Member> BEST_FIRST = Comparator.comparing(Member::fitness).reversed()
            .thenComparingInt(Member::number);

    private static final Comparator<Candidate> BEST_CANDIDATE_FIRST = Comparator.comparing(Candidate::fitness).reversed()
            .thenComparingInt(Candidate::number);

    private Population() {
    }

    /**
     * The population, ordered by trial number.
     *
     * @param trials    the study's trials, in any state
     * @param space     the space the children are drawn from
     * @param direction the study's direction
     * @param size      the population size
     * @param elites    how many of the best eligible trials always belong to it
     */
    static List<Member> select(List<FrozenTrial> trials, SearchSpace space, Direction direction, int size, int elites) {
        return select(trials, paramsOf(trials, space), direction, size, elites);
    }

    /**
     * As {@link #select(List, SearchSpace, Direction, int, int)}, with each trial's values of the
     * space's parameters already read by {@link #paramsOf}.
     */
    static List<Member> select(List<FrozenTrial> trials, List<Map<String, Object>> params, Direction direction,
                               int size, int elites) {
        List<Candidate> eligible = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            FrozenTrial t = trials.get(i);
            Optional<Fitness> fitness = Fitness.of(t, direction);
            if (fitness.isPresent() && params.get(i) != null) {
                eligible.add(new Candidate(t, params.get(i), fitness.get()));
            }
        }
        List<Candidate> chosen = best(eligible, Math.min(elites, size));
        Set<Integer> elite = new HashSet<>();
        chosen.forEach(c -> elite.add(c.number()));
        eligible.sort(Comparator.comparingInt(Candidate::number)); // already in order when read from a storage
        for (int i = eligible.size() - 1; i >= 0 && chosen.size() < size; i--) {
            if (!elite.contains(eligible.get(i).number())) {
                chosen.add(eligible.get(i));
            }
        }
        chosen.sort(Comparator.comparingInt(Candidate::number));
        List<Member> members = new ArrayList<>(chosen.size());
        for (Candidate c : chosen) {
            members.add(new Member(c.number(), c.params(), generationOf(c.trial()), c.fitness()));
        }
        return List.copyOf(members);
    }

    /** The {@code k} best candidates, best first, in one pass that keeps them in a sorted list. */
    private static List<Candidate> best(List<Candidate> candidates, int k) {
        List<Candidate> best = new ArrayList<>(k + 1);
        if (k <= 0) {
            return best;
        }
        for (Candidate c : candidates) {
            if (best.size() == k && BEST_CANDIDATE_FIRST.compare(c, best.get(k - 1)) >= 0) {
                continue;
            }
            int at = Collections.binarySearch(best, c, BEST_CANDIDATE_FIRST);
            best.add(at < 0 ? -at - 1 : at, c);
            if (best.size() > k) {
                best.remove(k);
            }
        }
        return best;
    }

    /**
     * Each trial's values of the space's parameters ({@link #paramsIn}), in the order of
     * {@code trials}; null where a trial lacks a valid value for one of them.
     */
    static List<Map<String, Object>> paramsOf(List<FrozenTrial> trials, SearchSpace space) {
        List<Map<String, Object>> params = new ArrayList<>(trials.size());
        for (FrozenTrial t : trials) {
            params.add(paramsIn(t, space).orElse(null));
        }
        return params;
    }

    /** The trial's values of the space's parameters, if it has a valid value for each of them. */
    static Optional<Map<String, Object>> paramsIn(FrozenTrial trial, SearchSpace space) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
            Object value = trial.params().get(e.getKey());
            if (value == null || !e.getValue().contains(value)) {
                return Optional.empty();
            }
            params.put(e.getKey(), e.getValue().canonical(value));
        }
        return Optional.of(params);
    }

    /** The generation a trial records ({@link GeneticSampler#GENERATION_ATTR}), 0 if none. */
    static int generationOf(FrozenTrial trial) {
        return trial.systemAttrs().get(GeneticSampler.GENERATION_ATTR) instanceof Number n ? n.intValue() : 0;
    }

    /** An eligible trial with its parameters and fitness, before it is chosen (or not) as a member. */
    private record Candidate(FrozenTrial trial, Map<String, Object> params, Fitness fitness) {
        int number() {
            return trial.number();
        }
    }
}
