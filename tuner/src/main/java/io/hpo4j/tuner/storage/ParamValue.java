package io.hpo4j.tuner.storage;

import io.hpo4j.tuner.space.Distribution;

/**
 * A parameter's value with the distribution it was drawn from, as {@link Storage#setTrialParams}
 * records it.
 */
public record ParamValue(Distribution distribution, Object value) {

    public ParamValue {
        if (distribution == null) {
            throw new IllegalArgumentException("a parameter value needs its distribution, but got null for " + value);
        }
    }
}
