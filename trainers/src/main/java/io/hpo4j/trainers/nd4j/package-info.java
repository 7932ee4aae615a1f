/**
 * Implementations of ND4J's own extension points, chosen by ND4J's configuration properties (see
 * {@link io.hpo4j.trainers.NativeTuning}), that make ND4J cheaper to use for training small
 * networks without changing any result.
 */
package io.hpo4j.trainers.nd4j;
