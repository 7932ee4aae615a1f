/**
 * Training DL4J networks as hpo4j objectives: {@link io.hpo4j.trainers.MlpTrainer} (an
 * {@link io.hpo4j.tuner.Objective} that trains a multilayer perceptron epoch by epoch, reporting
 * learning curves, honouring the study's pruner and its own
 * {@link io.hpo4j.trainers.EarlyStopping early stopping}, and failing diverging trials with a
 * {@link io.hpo4j.trainers.TrainingDivergedException}), and
 * {@link io.hpo4j.trainers.Dl4jEnvironment}, the runtime provenance every trial records.
 *
 * <p>Subpackages: {@code data} (datasets, loaders, splits, cache; no DL4J) and {@code nn}
 * (hyperparameters to DL4J networks). The thread layout of ND4J is never set in code here: it
 * comes from the environment ({@code OMP_NUM_THREADS}, {@code SD_MAX_THREADS},
 * {@code SD_MASTER_THREADS}).
 */
package io.hpo4j.trainers;
