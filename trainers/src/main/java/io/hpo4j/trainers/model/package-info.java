/**
 * Trained networks that leave the search: {@link io.hpo4j.trainers.model.TrainedModel} (a DL4J
 * network, the feature scaling fitted on its training data, its class names and where it came
 * from), its file format ({@link io.hpo4j.trainers.model.ModelFile}: a standard DL4J
 * {@code ModelSerializer} zip with a DL4J normalizer and an {@code hpo4j-model.json} entry), and
 * {@link io.hpo4j.trainers.model.ModelEvaluation} (accuracy, loss, confusion matrix, per-class
 * scores on a labelled dataset).
 */
package io.hpo4j.trainers.model;
