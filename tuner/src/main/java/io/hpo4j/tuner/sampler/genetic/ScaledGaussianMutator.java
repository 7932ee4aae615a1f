package io.hpo4j.tuner.sampler.genetic;

import io.jenetics.DoubleGene;
import io.jenetics.Mutator;

import java.util.random.RandomGenerator;

/**
 * Jenetics' {@link io.jenetics.GaussianMutator} with a chosen standard deviation: a gene moves
 * by a normal step of {@code scale * (max - min)} and is clamped into its range (just below
 * {@code max}, which a {@link DoubleGene} excludes). Jenetics' own mutator fixes the scale at a
 * quarter of the range. The probabilities are {@link Mutator}'s: {@code rate} per gene.
 */
final class ScaledGaussianMutator<C extends Comparable<? super C>> extends Mutator<DoubleGene, C> {

    private final double scale;

    ScaledGaussianMutator(double rate, double scale) {
        super(rate);
        this.scale = scale;
    }

    @Override
    protected DoubleGene mutate(DoubleGene gene, RandomGenerator random) {
        double min = gene.min();
        double max = gene.max();
        double value = gene.doubleValue() + random.nextGaussian() * scale * (max - min);
        return gene.newInstance(Math.min(Math.nextDown(max), Math.max(min, value)));
    }

    @Override
    public String toString() {
        return "ScaledGaussianMutator[p=" + _probability + ", scale=" + scale + "]";
    }
}
