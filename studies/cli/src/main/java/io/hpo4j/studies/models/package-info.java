/**
 * From a study to a model: the kept networks of a study ({@link io.hpo4j.studies.models.StudyModels}:
 * the best one, any kept trial's, retrained ones), retraining a chosen configuration on
 * training + validation data, and scoring models on the study's test data. The CLI's
 * {@code hpo model}, {@code retrain}, {@code evaluate} and {@code predict} are thin shells over it.
 */
package io.hpo4j.studies.models;
