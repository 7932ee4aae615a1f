package io.hpo4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code bench/run <benchmark> [options]}. Results go to the directory named by
 * the system property {@code bench.results} (default {@code bench/results}).
 *
 * <p>Exit codes: 0 success, 1 the benchmark failed, 2 bad usage.
 */
public final class Main {

    /** The subcommands, in the order {@code --help} lists them. */
    static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

    static {
        register(new SamplerBenchmark());
        register(new SamplerCostBenchmark());
        register(new FashionQuickBenchmark());
        register(new OverheadBenchmark());
        register(new TrainingBenchmark());
        register(new WorkersBenchmark());
        register(new StorageOverheadBenchmark());
    }

    private Main() {
    }

    private static void register(Benchmark benchmark) {
        BENCHMARKS.put(benchmark.name(), benchmark);
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(help());
            System.exit(args.length == 0 ? 2 : 0);
        }
        Benchmark benchmark = BENCHMARKS.get(args[0]);
        if (benchmark == null) {
            System.err.println("unknown benchmark '" + args[0] + "'; expected one of " + BENCHMARKS.keySet());
            System.exit(2);
        }
        List<String> rest = new java.util.ArrayList<>(Arrays.asList(args).subList(1, args.length));
        boolean debug = rest.remove("--debug");
        if (rest.contains("--help") || rest.contains("-h")) {
            System.out.println("bench/run " + benchmark.name() + ": " + benchmark.description() + "\n\n" + benchmark.usage());
            System.exit(0);
        }
        Path results = Path.of(System.getProperty("bench.results", "bench/results"));
        try {
            benchmark.run(rest, results);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/run " + benchmark.name() + ": " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("bench/run " + benchmark.name() + " failed: " + e);
            if (debug) {
                e.printStackTrace();
            } else {
                System.err.println("bench/run " + benchmark.name() + ": run it again with --debug for the stack trace");
            }
            System.exit(1);
        }
    }

    private static String help() {
        StringBuilder sb = new StringBuilder("usage: bench/run <benchmark> [options]   (bench/run <benchmark> --help for its options)\n\nbenchmarks:\n");
        BENCHMARKS.values().forEach(b -> sb.append(String.format("  %-16s %s%n", b.name(), b.description())));
        return sb.toString();
    }
}
