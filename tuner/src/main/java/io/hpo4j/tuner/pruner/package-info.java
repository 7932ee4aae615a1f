/**
 * Pruners stop hopeless trials early by comparing their intermediate values with other trials':
 * the {@link io.hpo4j.tuner.pruner.Pruner} contract, its {@link io.hpo4j.tuner.pruner.PruneDecision},
 * and factories in {@link io.hpo4j.tuner.pruner.Pruners}.
 */
package io.hpo4j.tuner.pruner;
