package io.hpo4j.bench;

import io.hpo4j.studies.storage.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs {@code bench/python/optuna_samplers.py} (Optuna's random and TPE samplers on the same
 * problems) with the given Python and reads its results, so that {@code bench/run samplers}
 * measures hpo4j and Optuna in the same invocation.
 */
final class OptunaRunner {

    static final String SCRIPT = "python/optuna_samplers.py";
    static final String INSTALL_HINT = "apt-get install -y python3-optuna python3-scipy";

    private OptunaRunner() {
    }

    /**
     * The parsed results, or null if Optuna is not available and {@code required} is false.
     *
     * @throws IllegalStateException if the script fails, or Optuna is missing and required
     */
    static Map<String, Object> run(String python, Path resultsDir, int budget, int seeds, int firstSeed,
                                   List<Problem> problems, boolean required) throws IOException, InterruptedException {
        Path benchHome = Path.of(System.getProperty("bench.home", "bench"));
        Path script = benchHome.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the Optuna script " + script + " is missing (bench.home=" + benchHome + ")");
        }
        if (!canImportOptuna(python)) {
            String message = python + " cannot import optuna; install Debian's package (" + INSTALL_HINT
                    + ") or pass --python, or --optuna off";
            if (required) {
                throw new IllegalStateException(message);
            }
            System.out.println("Optuna not run: " + message);
            return null;
        }
        Files.createDirectories(resultsDir);
        Path out = resultsDir.resolve("optuna-samplers.json");
        List<String> command = List.of(python, script.toString(), "--budget", String.valueOf(budget),
                "--seeds", String.valueOf(seeds), "--first-seed", String.valueOf(firstSeed),
                "--problems", problems.stream().map(Problem::name).collect(Collectors.joining(",")),
                "--out", out.toString());
        System.out.println("running Optuna's samplers: " + String.join(" ", command));
        Process process = new ProcessBuilder(command).inheritIO().start();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(script + " exited with " + exit);
        }
        return Json.parseObject(Files.readString(out));
    }

    private static boolean canImportOptuna(String python) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(python, "-c", "import optuna").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Adds the Optuna samplers' best-so-far curves to {@code curves} (by problem, then label), and their cost. */
    @SuppressWarnings("unchecked")
    static void addCurves(Map<String, Object> results, Map<String, Map<String, List<double[]>>> curves,
                          Map<String, Double> msPerTrial, int problemCount) {
        Map<String, Object> problems = (Map<String, Object>) results.get("problems");
        problems.forEach((problem, bySampler) -> ((Map<String, Object>) bySampler).forEach((label, result) -> {
            Map<String, Object> r = (Map<String, Object>) result;
            List<double[]> perSeed = new ArrayList<>();
            for (Object curve : (List<Object>) r.get("curves")) {
                perSeed.add(((List<Object>) curve).stream().mapToDouble(OptunaRunner::number).toArray());
            }
            curves.get(problem).put(label, perSeed);
            msPerTrial.merge(label, number(r.get("ms_per_trial")) / problemCount, Double::sum);
        }));
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if ("Infinity".equals(value)) {
            return Double.POSITIVE_INFINITY;
        }
        throw new IllegalStateException("expected a number in the Optuna results, but got " + value);
    }
}
