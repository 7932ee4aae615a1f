/**
 * Training DL4J networks as hpo4j objectives: {@link io.hpo4j.trainers.MlpTrainer} (an
 * {@link io.hpo4j.tuner.Objective} that trains a multilayer perceptron epoch by epoch, reporting
 * learning curves, honouring the study's pruner and its own
 * {@link io.hpo4j.trainers.EarlyStopping early stopping}, and failing diverging trials with a
 * {@link io.hpo4j.trainers.TrainingDivergedException}), and
 * {@link io.hpo4j.trainers.Dl4jEnvironment}, the runtime provenance every trial records; the
 * best-epoch networks of completed trials go to a {@link io.hpo4j.trainers.ModelKeeper}, and
 * {@link io.hpo4j.trainers.Retraining} fits a chosen configuration on all its data.
 *
 * <p>Subpackages: {@code data} (datasets, loaders, splits, cache; no DL4J), {@code nn}
 * (hyperparameters to DL4J networks) and {@code model} (trained models, their file format and
 * evaluation). The thread layout of ND4J is never set in code here: it
 * comes from the environment ({@code OMP_NUM_THREADS}, {@code SD_MAX_THREADS},
 * {@code SD_MASTER_THREADS}).
 */
package io.hpo4j.trainers;
