/**
 * Search spaces: the {@link io.hpo4j.tuner.space.Distribution}s a hyperparameter can take
 * (float, int, categorical; validated when built), the named, ordered
 * {@link io.hpo4j.tuner.space.SearchSpace}, and their JSON form
 * ({@link io.hpo4j.tuner.space.Distributions}).
 */
package io.hpo4j.tuner.space;
