/**
 * The genetic sampler: a steady-state genetic algorithm on Jenetics' operators
 * ({@link io.hpo4j.tuner.sampler.genetic.GeneticSampler}), its settings
 * ({@link io.hpo4j.tuner.sampler.genetic.GeneticSettings}) and the codec between search spaces and
 * Jenetics genotypes ({@link io.hpo4j.tuner.sampler.genetic.SearchSpaceCodec}). Create the sampler
 * with {@link io.hpo4j.tuner.sampler.Samplers#genetic()}.
 */
package io.hpo4j.tuner.sampler.genetic;
