/**
 * The study manager: runs a study file's budget on parallel workers with a sound thread layout
 * ({@link io.hpo4j.studies.run.ThreadLayout}), resumes interrupted studies, reports progress, and
 * analyzes each trial's learning curve as it finishes.
 */
package io.hpo4j.studies.run;
