package io.hpo4j.studies.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sampler or pruner as a study file names it: a type and its settings.
 *
 * @param type     e.g. {@code random}, {@code genetic}, {@code median}
 * @param settings the other keys of its section, as plain values
 */
public record ComponentSpec(String type, Map<String, Object> settings) {

    public ComponentSpec {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public static ComponentSpec of(String type) {
        return new ComponentSpec(type, Map.of());
    }
}
