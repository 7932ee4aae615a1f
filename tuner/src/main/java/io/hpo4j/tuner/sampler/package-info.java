/**
 * Samplers propose the hyperparameters of new trials: the {@link io.hpo4j.tuner.sampler.Sampler}
 * contract, {@link io.hpo4j.tuner.sampler.RandomSampler}, the genetic sampler (in
 * {@link io.hpo4j.tuner.sampler.genetic}), and factories in
 * {@link io.hpo4j.tuner.sampler.Samplers}.
 */
package io.hpo4j.tuner.sampler;
