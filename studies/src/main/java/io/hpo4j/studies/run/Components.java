package io.hpo4j.studies.run;

import io.hpo4j.studies.config.ComponentSpec;
import io.hpo4j.tuner.pruner.Pruner;
import io.hpo4j.tuner.pruner.Pruners;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.Samplers;

import java.util.List;

/** Builds the samplers and pruners a study file names, rejecting unknown types and settings. */
public final class Components {

    private Components() {
    }

    public static Sampler sampler(ComponentSpec spec) {
        return switch (spec.type()) {
            case "random" -> {
                noSettings(spec, "sampler");
                yield Samplers.random();
            }
            default -> throw new IllegalArgumentException("sampler must be one of " + List.of("random")
                    + ", but got '" + spec.type() + "'");
        };
    }

    public static Pruner pruner(ComponentSpec spec) {
        return Pruners.fromSettings(spec.type(), spec.settings());
    }

    private static void noSettings(ComponentSpec spec, String what) {
        if (!spec.settings().isEmpty()) {
            throw new IllegalArgumentException("the " + spec.type() + " " + what + " takes no settings, but got "
                    + spec.settings().keySet());
        }
    }
}
