/**
 * Classification datasets for training: loaders for IDX (MNIST, Fashion-MNIST) and CSV files,
 * the immutable {@link io.hpo4j.trainers.data.LabeledDataset}, seeded and positional
 * train/validation {@link io.hpo4j.trainers.data.Split splits}, a held-out
 * {@link io.hpo4j.trainers.data.TestPart test part} that only {@link io.hpo4j.trainers.data.PreparedData}
 * carries (never the parts a trainer sees), feature {@link io.hpo4j.trainers.data.FeatureScaling scaling}
 * fitted on the training part only ({@link io.hpo4j.trainers.data.FittedScaling}, which travels with
 * saved models), and a
 * thread-safe {@link io.hpo4j.trainers.data.DatasetCache} so that a process loads each dataset
 * once and every trial shares it.
 *
 * <p>Nothing here depends on DL4J: datasets are plain float arrays that the trainer turns into
 * minibatches. Every type is immutable or stateless, hence thread-safe; every loader error names
 * the file (and line or item) and the bad value.
 */
package io.hpo4j.trainers.data;
