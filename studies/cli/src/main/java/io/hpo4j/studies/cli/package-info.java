/**
 * The {@code hpo} command line (picocli): {@link io.hpo4j.studies.cli.Hpo} and one thin class per
 * subcommand. Commands parse options and delegate to the study manager, the queries and the
 * reports. Shared options are mixins: {@code --storage}, {@code --format} and the thresholds of
 * the overfitting analysis ({@code --overfit-gap}, ...).
 */
package io.hpo4j.studies.cli;
