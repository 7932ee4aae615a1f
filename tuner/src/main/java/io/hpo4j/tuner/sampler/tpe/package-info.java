/**
 * Model-based samplers built on tree-structured Parzen estimators:
 * {@link io.hpo4j.tuner.sampler.tpe.TpeSampler} (Optuna's TPE: univariate or multivariate, with
 * constant liars for parallel workers) and {@link io.hpo4j.tuner.sampler.tpe.BohbSampler} (a TPE
 * fitted on the values trials had at a common budget, for studies with pruning), their settings
 * records, and the estimator they share. Both rebuild everything from the study's trials on each
 * call. Create them with {@link io.hpo4j.tuner.sampler.Samplers#tpe()} and
 * {@link io.hpo4j.tuner.sampler.Samplers#bohb()}.
 */
package io.hpo4j.tuner.sampler.tpe;
