package io.hpo4j.studies.run;

import io.hpo4j.studies.config.ComponentSpec;
import io.hpo4j.tuner.pruner.Pruner;
import io.hpo4j.tuner.pruner.Pruners;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.Samplers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


/**
 * Builds the samplers and pruners a study file names, rejecting unknown types and settings. Each
 * spec is built once per process: the parser's validation and the run share the instance
 * (samplers and pruners are immutable and thread-safe, and a spec is a value).
 */
public final class Components {

    private static final Map<ComponentSpec, Sampler> SAMPLERS = new ConcurrentHashMap<>();
    private static final Map<ComponentSpec, Pruner> PRUNERS = new ConcurrentHashMap<>();

    private Components() {
    }

    public static Sampler sampler(ComponentSpec spec) {
        return SAMPLERS.computeIfAbsent(spec, s -> Samplers.fromSettings(s.type(), s.settings()));
    }

    public static Pruner pruner(ComponentSpec spec) {
        return PRUNERS.computeIfAbsent(spec, s -> Pruners.fromSettings(s.type(), s.settings()));
    }
}
