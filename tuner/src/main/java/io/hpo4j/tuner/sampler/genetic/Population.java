package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.SearchSpace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds the parent population from a study's stored trials: the {@code elites} best eligible
 * trials, then the most recently numbered eligible ones up to {@code size}. Eligible trials are
 * COMPLETE or PRUNED with a finite value and a valid value for every parameter of the space.
 * Stateless.
 */
final class Population {

    /** Ranks members best first; among equals, the earlier trial first. */
    static final Comparator<Member> BEST_FIRST = Comparator.comparing(Member::fitness).reversed()
            .thenComparingInt(Member::number);

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
        List<Member> eligible = new ArrayList<>();
        for (FrozenTrial t : trials) {
            Optional<Fitness> fitness = Fitness.of(t, direction);
            Optional<Map<String, Object>> params = paramsIn(t, space);
            if (fitness.isPresent() && params.isPresent()) {
                eligible.add(new Member(t.number(), params.get(), generationOf(t), fitness.get()));
            }
        }
        Set<Member> chosen = new LinkedHashSet<>();
        eligible.stream().sorted(BEST_FIRST).limit(Math.min(elites, size)).forEach(chosen::add);
        eligible.stream().sorted(Comparator.comparingInt(Member::number).reversed())
                .filter(m -> !chosen.contains(m))
                .limit(Math.max(0, size - chosen.size()))
                .forEach(chosen::add);
        return chosen.stream().sorted(Comparator.comparingInt(Member::number)).toList();
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
}
