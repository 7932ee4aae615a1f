/**
 * The {@code hpo} command line (picocli): {@link io.hpo4j.studies.cli.Hpo} and one thin class per
 * subcommand. Commands parse options and delegate to the study manager and the queries.
 */
package io.hpo4j.studies.cli;
