package io.hpo4j.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code bench/run} subcommand. To add a benchmark, implement this and register it in
 * {@link Main#BENCHMARKS}.
 */
public interface Benchmark {

    /** The subcommand name, as in {@code bench/run samplers}. */
    String name();

    /** One line for {@code bench/run --help}. */
    String description();

    /** Usage of the options, several lines. */
    String usage();

    /**
     * Runs the benchmark: prints a table to stdout and writes its results under {@code resultsDir}.
     *
     * @param args the options after the subcommand name
     * @throws IllegalArgumentException for a bad option, naming it
     */
    void run(List<String> args, Path resultsDir) throws Exception;
}
