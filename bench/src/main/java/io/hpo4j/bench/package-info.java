/**
 * Benchmarks run by {@code bench/run}: {@link io.hpo4j.bench.Main} dispatches to a
 * {@link io.hpo4j.bench.Benchmark} per subcommand. Not tests: nothing here runs in the default
 * build (the module is in the {@code bench} Maven profile).
 */
package io.hpo4j.bench;
