package io.hpo4j.tuner.sampler.genetic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished trial as a member of the parent population.
 *
 * @param number     the trial's number
 * @param params     its values of the search space's parameters
 * @param generation its generation (0 for random and enqueued trials)
 * @param fitness    how good it is
 */
record Member(int number, Map<String, Object> params, int generation, Fitness fitness) {

    Member {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
