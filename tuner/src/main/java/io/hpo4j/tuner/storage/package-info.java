/**
 * The {@link io.hpo4j.tuner.storage.Storage} contract and an in-memory implementation. The
 * JDBC implementation (H2 by default) lives in the {@code studies} module, so that this module
 * stays free of JDBC.
 */
package io.hpo4j.tuner.storage;
