/**
 * Study files: the YAML format {@code hpo run} reads, parsed into a validated, immutable
 * {@link io.hpo4j.studies.config.StudyFile} by {@link io.hpo4j.studies.config.StudyFileParser}.
 * Every error names the file, the line and the key, before any trial starts.
 */
package io.hpo4j.studies.config;
