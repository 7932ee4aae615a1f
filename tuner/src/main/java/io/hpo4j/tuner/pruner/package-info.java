/**
 * Pruners stop hopeless trials early by comparing their intermediate values with other trials'
 * at the same step: the {@link io.hpo4j.tuner.pruner.Pruner} contract and its
 * {@link io.hpo4j.tuner.pruner.PruneDecision}; the median and percentile stopping rules
 * ({@link io.hpo4j.tuner.pruner.MedianPruner}, {@link io.hpo4j.tuner.pruner.PercentilePruner}),
 * asynchronous successive halving ({@link io.hpo4j.tuner.pruner.SuccessiveHalvingPruner}) and
 * Hyperband ({@link io.hpo4j.tuner.pruner.HyperbandPruner}), with their settings records; and
 * factories in {@link io.hpo4j.tuner.pruner.Pruners}, from Java or from a settings map.
 *
 * <p>Pruners keep no state: every decision reads the trial's snapshot and the study's stored
 * trials, so it holds with parallel workers and with processes sharing a storage. Stopping a
 * trial that does badly against its own history (early stopping) is the trainers' business, not
 * this package's.
 */
package io.hpo4j.tuner.pruner;
