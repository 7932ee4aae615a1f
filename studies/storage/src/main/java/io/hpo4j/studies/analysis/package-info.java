/**
 * Pure analysis of stored trials, with no JDBC and no CLI: what a learning curve says about a
 * trial's fit ({@link io.hpo4j.studies.analysis.CurveAnalyzer} turns a list of
 * {@link io.hpo4j.tuner.EpochMetrics} into a {@link io.hpo4j.studies.analysis.CurveAnalysis} with a
 * {@link io.hpo4j.studies.analysis.Verdict}, by rules whose thresholds are
 * {@link io.hpo4j.studies.analysis.OverfitThresholds}), and which hyperparameters matter
 * ({@link io.hpo4j.studies.analysis.ParameterImportance}).
 *
 * <p>Everything here is immutable or stateless, deterministic and thread-safe. Storing analyses
 * is the storage's job ({@code io.hpo4j.studies.storage.AnalysisStore}); showing them is the
 * CLI's and the report's.
 */
package io.hpo4j.studies.analysis;
