/**
 * The optimization loop's API: {@link io.hpo4j.tuner.Study} (ask/tell and optimize),
 * {@link io.hpo4j.tuner.Trial} (suggest, report, prune), the {@link io.hpo4j.tuner.Objective}
 * to optimize, and the immutable values they exchange ({@link io.hpo4j.tuner.FrozenTrial},
 * {@link io.hpo4j.tuner.EpochMetrics}). This module depends on the JDK and Jenetics only, so it
 * tunes any objective, not only neural networks.
 */
package io.hpo4j.tuner;
