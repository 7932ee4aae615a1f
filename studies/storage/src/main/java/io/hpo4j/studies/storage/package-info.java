/**
 * Studies in a relational database: {@link io.hpo4j.studies.storage.JdbcStorage}, the JDBC
 * implementation of {@link io.hpo4j.tuner.storage.Storage} (an embedded H2 file by default), and
 * {@link io.hpo4j.studies.storage.StorageLocations}, which says where that file is; the
 * {@code trial_analysis} table of curve analyses ({@link io.hpo4j.studies.storage.AnalysisStore});
 * and read-only SQL for {@code hpo sql} ({@link io.hpo4j.studies.storage.ReadOnlyQuery}).
 *
 * <p>Everything database-specific stays in this package: the schema and its numbered migrations
 * (resources under {@code migrations/}, recorded in the {@code schema_version} table), the H2
 * URL options, and the mapping of trials to rows. The SQL is standard (identity columns,
 * {@code TIMESTAMP WITH TIME ZONE}, {@code DOUBLE PRECISION}, {@code FETCH FIRST}, {@code FOR UPDATE})
 * so that another database such as PostgreSQL can be added behind a {@link javax.sql.DataSource}.
 * The tables are described in the README (section "Where studies live").
 */
package io.hpo4j.studies.storage;
