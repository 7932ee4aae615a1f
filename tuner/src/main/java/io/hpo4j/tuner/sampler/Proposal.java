package io.hpo4j.tuner.sampler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link Sampler} proposes for a new trial: parameter values, and system attributes to
 * record with them (a genetic sampler's generation and parents, for instance).
 *
 * @param params     values by parameter name
 * @param attributes JSON-compatible attributes, stored as the trial's system attributes
 */
public record Proposal(Map<String, Object> params, Map<String, Object> attributes) {

    public Proposal {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A proposal with no attributes. */
    public static Proposal of(Map<String, Object> params) {
        return new Proposal(params, Map.of());
    }
}
