/**
 * The optimization loop's API: {@link io.hpo4j.tuner.Study} (ask/tell and optimize),
 * {@link io.hpo4j.tuner.Trial} (suggest, report, prune), the {@link io.hpo4j.tuner.Objective}
 * to optimize, and the immutable values they exchange ({@link io.hpo4j.tuner.FrozenTrial},
 * {@link io.hpo4j.tuner.EpochMetrics}, and what a trial records about itself:
 * {@link io.hpo4j.tuner.TrialRecord} with its {@link io.hpo4j.tuner.ObjectiveMetric}, seed,
 * {@link io.hpo4j.tuner.BestEpoch best epoch} and {@link io.hpo4j.tuner.StopReason}). This module
 * depends on the JDK and Jenetics only, so it tunes any objective, not only neural networks (it
 * logs through the SLF4J API).
 *
 * <p>Inside, {@code Study} is a thin façade over package-private parts: {@code StudyOpener}
 * creates or loads a study ({@link io.hpo4j.tuner.IfExists}), {@code TrialLifecycle} asks and
 * tells (and records each trial's provenance), {@code IntersectionSearchSpace} keeps the inferred
 * space of a define-by-run study up to date, and {@code OptimizeLoop} runs trials on the study's
 * executor and clock with the catch semantics of {@link io.hpo4j.tuner.OptimizeOptions}. A
 * {@link io.hpo4j.tuner.Trial} reaches storage, sampler and pruner only through the internal
 * {@code TrialContext}.
 */
package io.hpo4j.tuner;
