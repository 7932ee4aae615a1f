/**
 * Queries over stored studies: the {@link io.hpo4j.studies.query.Leaderboard}, a trial with its
 * curve ({@link io.hpo4j.studies.query.TrialReport}), a whole study for reports and exports
 * ({@link io.hpo4j.studies.query.StudySnapshot}), and the curve analyses of finished trials
 * ({@link io.hpo4j.studies.query.TrialAnalyses}), which are computed and stored on read when a
 * trial lacks one. Each returns records.
 */
package io.hpo4j.studies.query;
