package io.hpo4j.studies.run;

import io.hpo4j.studies.config.ComponentSpec;
import io.hpo4j.tuner.pruner.Pruner;
import io.hpo4j.tuner.pruner.Pruners;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.Samplers;


/** Builds the samplers and pruners a study file names, rejecting unknown types and settings. */
public final class Components {

    private Components() {
    }

    public static Sampler sampler(ComponentSpec spec) {
        return Samplers.fromSettings(spec.type(), spec.settings());
    }

    public static Pruner pruner(ComponentSpec spec) {
        return Pruners.fromSettings(spec.type(), spec.settings());
    }
}
