/**
 * Read-only queries over stored studies: the {@link io.hpo4j.studies.query.Leaderboard} and a
 * trial with its curve ({@link io.hpo4j.studies.query.TrialReport}). Each returns records.
 */
package io.hpo4j.studies.query;
