/**
 * The optimization loop's API: {@link io.hpo4j.tuner.Study} (ask/tell and optimize),
 * {@link io.hpo4j.tuner.Trial} (suggest, report, prune), the {@link io.hpo4j.tuner.Objective}
 * to optimize, and the immutable values they exchange ({@link io.hpo4j.tuner.FrozenTrial},
 * {@link io.hpo4j.tuner.EpochMetrics}, and what a trial records about itself:
 * {@link io.hpo4j.tuner.TrialRecord} with its {@link io.hpo4j.tuner.ObjectiveMetric}, seed,
 * {@link io.hpo4j.tuner.BestEpoch best epoch} and {@link io.hpo4j.tuner.StopReason}). This module depends on the JDK and Jenetics only, so it
 * tunes any objective, not only neural networks.
 */
package io.hpo4j.tuner;
