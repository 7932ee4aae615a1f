/**
 * The network side: {@link io.hpo4j.trainers.nn.MlpConfig} (validated MLP hyperparameters read
 * from a trial's parameter map), the supported {@link io.hpo4j.trainers.nn.ActivationFunction
 * activations} and {@link io.hpo4j.trainers.nn.Optimizer optimizers}, and
 * {@link io.hpo4j.trainers.nn.MlpNetworks}, which maps a configuration onto a DL4J
 * {@code MultiLayerNetwork} (one place for the dropout convention and for seeding).
 *
 * <p>Configurations are immutable records; builders are stateless. Networks belong to the thread
 * that built them.
 */
package io.hpo4j.trainers.nn;
