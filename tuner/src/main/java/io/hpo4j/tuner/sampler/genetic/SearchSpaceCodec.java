package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.space.SearchSpace;
import io.jenetics.Chromosome;
import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.engine.InvertibleCodec;
import io.jenetics.util.Factory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps a {@link SearchSpace} to Jenetics genotypes of {@link DoubleGene}s and back: an
 * {@link InvertibleCodec} whose decoded values always lie in their distributions (in range, on
 * step, one of the choices).
 *
 * <p><b>Layout.</b> A genotype has at most two chromosomes, so that Jenetics' alterers can treat
 * numbers and categories differently (a {@link io.jenetics.PartialAlterer} per chromosome):
 * <ol>
 *   <li>the <em>numeric</em> chromosome, one gene per int or float parameter, in declaration
 *       order (present if the space has a numeric parameter);</li>
 *   <li>the <em>categorical</em> chromosome, one gene per categorical parameter (present if the
 *       space has one).</li>
 * </ol>
 * Every gene lies in the unit interval {@code [0, 1)}, an affine image of the parameter's
 * internal coordinate ({@link Distribution#toInternal}):
 * <ul>
 *   <li>continuous float: {@code [low, high]};</li>
 *   <li>log-scale float: {@code [ln low, ln high]}, so that mutations are relative changes;</li>
 *   <li>stepped float or int: {@code [low - step/2, high + step/2]}, so that every grid point
 *       owns an equal share of the gene;</li>
 *   <li>log-scale int: {@code [ln(low - 0.5), ln(high + 0.5)]}, as {@link IntDistribution#sample}
 *       draws;</li>
 *   <li>categorical with {@code k} choices: the index in {@code [-0.5, k - 0.5]}, so that a
 *       uniformly re-drawn gene is a uniformly drawn choice.</li>
 * </ul>
 * Decoding maps the gene back and lets the distribution snap it
 * ({@link Distribution#fromInternal}: clamp, round to the step, nearest choice). Encoding a
 * valid value and decoding it gives the value back: exactly for ints, stepped floats and
 * categories, to a few ulps for continuous floats (and their logarithm).
 *
 * <pre>{@code
 * SearchSpaceCodec codec = new SearchSpaceCodec(space);
 * Genotype<DoubleGene> genotype = codec.encode(trial.params());
 * Map<String, Object> params = codec.decode(genotype);   // every value inside its distribution
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #encoding()} draws from Jenetics'
 * {@link io.jenetics.util.RandomRegistry}, so call it inside {@code RandomRegistry.with(...)}
 * for reproducible genotypes.
 */
public final class SearchSpaceCodec implements InvertibleCodec<Map<String, Object>, DoubleGene> {

    private final SearchSpace space;
    private final List<Locus> numeric = new ArrayList<>();
    private final List<Locus> categorical = new ArrayList<>();
    private final int numericIndex;
    private final int categoricalIndex;

    /**
     * @throws IllegalArgumentException if {@code space} is empty
     */
    public SearchSpaceCodec(SearchSpace space) {
        if (space == null || space.isEmpty()) {
            throw new IllegalArgumentException("search space to encode must not be empty, but got " + space);
        }
        this.space = space;
        space.distributions().forEach((name, d) -> {
            Locus gene = Locus.of(name, d);
            (d instanceof CategoricalDistribution ? categorical : numeric).add(gene);
        });
        this.numericIndex = numeric.isEmpty() ? -1 : 0;
        this.categoricalIndex = categorical.isEmpty() ? -1 : numeric.isEmpty() ? 0 : 1;
    }

    public SearchSpace space() {
        return space;
    }

    /** The names of the int and float parameters, in the order of the numeric chromosome's genes. */
    public List<String> numericParameters() {
        return numeric.stream().map(Locus::name).toList();
    }

    /** The names of the categorical parameters, in the order of the categorical chromosome's genes. */
    public List<String> categoricalParameters() {
        return categorical.stream().map(Locus::name).toList();
    }

    /** The index of the numeric chromosome in a genotype, or -1 if the space has no numeric parameter. */
    public int numericChromosome() {
        return numericIndex;
    }

    /** The index of the categorical chromosome in a genotype, or -1 if the space has no categorical parameter. */
    public int categoricalChromosome() {
        return categoricalIndex;
    }

    /** Random genotypes: every gene uniform in {@code [0, 1)} (uniform, or log-uniform, parameters). */
    @Override
    public Factory<Genotype<DoubleGene>> encoding() {
        return () -> {
            List<Chromosome<DoubleGene>> chromosomes = new ArrayList<>(2);
            if (!numeric.isEmpty()) {
                chromosomes.add(DoubleChromosome.of(0, 1, numeric.size()));
            }
            if (!categorical.isEmpty()) {
                chromosomes.add(DoubleChromosome.of(0, 1, categorical.size()));
            }
            return Genotype.of(chromosomes);
        };
    }

    @Override
    public Function<Genotype<DoubleGene>, Map<String, Object>> decoder() {
        return this::decode;
    }

    @Override
    public Function<Map<String, Object>, Genotype<DoubleGene>> encoder() {
        return this::encode;
    }

    /**
     * The parameters a genotype stands for, in the space's declaration order. Genes outside
     * {@code [0, 1)} are clamped, so any genotype of the right shape decodes to valid values.
     *
     * @throws IllegalArgumentException if the genotype does not have this codec's shape
     */
    @Override
    public Map<String, Object> decode(Genotype<DoubleGene> genotype) {
        int expected = (numeric.isEmpty() ? 0 : 1) + (categorical.isEmpty() ? 0 : 1);
        if (genotype.length() != expected) {
            throw new IllegalArgumentException("genotype must have " + expected + " chromosome(s) for " + space
                    + ", but got " + genotype.length());
        }
        Map<String, Object> byName = new LinkedHashMap<>();
        decodeInto(byName, numeric, numericIndex, genotype);
        decodeInto(byName, categorical, categoricalIndex, genotype);
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : space.names()) {
            ordered.put(name, byName.get(name));
        }
        return ordered;
    }

    /**
     * The genotype of a full parameter set of this space.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or outside its distribution
     */
    @Override
    public Genotype<DoubleGene> encode(Map<String, Object> params) {
        List<Chromosome<DoubleGene>> chromosomes = new ArrayList<>(2);
        if (!numeric.isEmpty()) {
            chromosomes.add(encode(numeric, params));
        }
        if (!categorical.isEmpty()) {
            chromosomes.add(encode(categorical, params));
        }
        return Genotype.of(chromosomes);
    }

    private static DoubleChromosome encode(List<Locus> genes, Map<String, Object> params) {
        DoubleGene[] out = new DoubleGene[genes.size()];
        for (int i = 0; i < out.length; i++) {
            Locus gene = genes.get(i);
            if (!params.containsKey(gene.name())) {
                throw new IllegalArgumentException(gene.name() + ": missing from the parameters to encode " + params);
            }
            out[i] = DoubleGene.of(gene.toUnit(params.get(gene.name())), 0, 1);
        }
        return DoubleChromosome.of(out);
    }

    private void decodeInto(Map<String, Object> out, List<Locus> genes, int index, Genotype<DoubleGene> genotype) {
        if (genes.isEmpty()) {
            return;
        }
        Chromosome<DoubleGene> chromosome = genotype.get(index);
        if (chromosome.length() != genes.size()) {
            throw new IllegalArgumentException("chromosome " + index + " must have " + genes.size() + " gene(s) for "
                    + genes.stream().map(Locus::name).toList() + ", but got " + chromosome.length());
        }
        for (int i = 0; i < genes.size(); i++) {
            out.put(genes.get(i).name(), genes.get(i).fromUnit(chromosome.get(i).doubleValue()));
        }
    }

    @Override
    public String toString() {
        return "SearchSpaceCodec{numeric=" + numericParameters() + ", categorical=" + categoricalParameters() + "}";
    }

    /**
     * One parameter's gene: the interval {@code [lo, hi]} of its (possibly logarithmic) internal
     * coordinate that the unit interval maps onto. Halves are used so that wide ranges do not
     * overflow.
     */
    private record Locus(String name, Distribution distribution, double lo, double hi, boolean log) {

        static Locus of(String name, Distribution d) {
            if (d instanceof FloatDistribution f) {
                if (f.log()) {
                    return new Locus(name, d, Math.log(f.low()), Math.log(f.high()), true);
                }
                double half = f.step() / 2;
                return new Locus(name, d, f.low() - half, f.high() + half, false);
            }
            if (d instanceof IntDistribution i) {
                if (i.log()) {
                    return new Locus(name, d, Math.log(i.low() - 0.5), Math.log(i.high() + 0.5), true);
                }
                double half = i.step() / 2.0;
                return new Locus(name, d, i.low() - half, i.high() + half, false);
            }
            CategoricalDistribution c = (CategoricalDistribution) d;
            return new Locus(name, d, -0.5, c.choices().size() - 0.5, false);
        }

        double toUnit(Object value) {
            Object canonical = SearchSpace.named(name, () -> distribution.canonical(value));
            double x = distribution.toInternal(canonical);
            if (log) {
                x = Math.log(x);
            }
            double width = hi / 2 - lo / 2;
            double u = width > 0 ? (x / 2 - lo / 2) / width : 0.5;
            return Math.min(Math.nextDown(1.0), Math.max(0.0, u));
        }

        Object fromUnit(double u) {
            if (Double.isNaN(u)) {
                throw new IllegalArgumentException(name + ": gene must be a number, but got NaN");
            }
            double clamped = Math.min(1.0, Math.max(0.0, u));
            double x = 2 * (lo / 2 + clamped * (hi / 2 - lo / 2));
            if (log) {
                x = Math.exp(x);
            }
            return distribution.fromInternal(x);
        }
    }
}
