package io.hpo4j.tuner.space;

import java.util.random.RandomGenerator;

/**
 * The range of values one hyperparameter can take.
 *
 * <p>The set is closed: {@link FloatDistribution}, {@link IntDistribution} and
 * {@link CategoricalDistribution}. Every implementation is an immutable record that validates
 * itself when it is built, so a distribution that exists is a valid one.
 *
 * <p>Besides its external values (a {@code Double}, an {@code Integer}, or one of the choices),
 * each distribution has an <em>internal representation</em> as a {@code double}: the value
 * itself for numbers and the index of the choice for categories. Samplers that work on vectors
 * (the genetic sampler, for instance) use it, together with {@link #toInternal(Object)} and
 * {@link #fromInternal(double)}, which snap to the nearest valid value.
 */
public sealed interface Distribution permits FloatDistribution, IntDistribution, CategoricalDistribution {

    /** Draws a value uniformly from this distribution (log-uniformly on a log scale). */
    Object sample(RandomGenerator random);

    /** Whether {@code value} is one of this distribution's values (in range, on step, a choice). */
    boolean contains(Object value);

    /**
     * Converts a value of a compatible type (for example a {@code Long} read from a file for an
     * integer distribution) to this distribution's canonical type.
     *
     * @throws IllegalArgumentException if the value is not one of this distribution's values
     */
    Object canonical(Object value);

    /** The internal representation of a valid value. */
    double toInternal(Object value);

    /** The valid value nearest to an internal representation (clamped, on step, rounded). */
    Object fromInternal(double internal);

    /** Whether the distribution holds a single value (nothing to search). */
    boolean isSingle();

    /** A short, human-readable description, as in {@code float[1e-4, 0.1] log}. */
    String describe();
}
