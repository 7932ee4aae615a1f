package io.hpo4j.bench;

import io.hpo4j.bench.FashionQuickBenchmark.Outcome;
import io.hpo4j.studies.config.ComponentSpec;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.trainers.EarlyStopping;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.tuner.space.Distributions;
import io.hpo4j.tuner.space.SearchSpace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Optuna's twin of a {@code bench/run fashion-quick} study: the {@code optuna_mlp.py} resource
 * (Optuna's sampler and pruner over a PyTorch copy of {@code MlpTrainer}, {@code torch_mlp.py}),
 * run with Debian's {@code python3-optuna} and {@code python3-torch} on the same data rows, search
 * space, parameter defaults, early stopping, trials and jobs, so that hpo4j and Optuna are
 * measured in the same run. One study per call, in its own SQLite database.
 *
 * @param python the Python interpreter
 * @param script {@code optuna_mlp.py}, with {@code torch_mlp.py} beside it
 */
record OptunaTwin(String python, Path script) {

    /** The configurations run when none is named: those of the Optuna figures issue 11 quotes. */
    static final List<String> DEFAULT_CONFIGS = List.of("tpe/median", "random/none");

    /** What {@code python} must import; the Debian packages that provide it. */
    static final String INSTALL_HINT = "apt-get update && apt-get install -y python3-optuna python3-torch libopenblas0-openmp";

    /**
     * An Optuna sampler and pruner, as {@code SAMPLER/PRUNER} on the command line, each a type
     * optionally followed by {@code key=value} settings passed to its constructor; without settings
     * Optuna's defaults (not the benchmark's hpo4j pruner defaults, see {@link Configuration}).
     *
     * @param label   the text as given
     * @param sampler {@code tpe} (TPESampler) or {@code random} (RandomSampler), and settings
     * @param pruner  {@code none} (NopPruner), {@code median}, {@code successive_halving} or
     *                {@code hyperband}, and settings
     */
    record Config(String label, ComponentSpec sampler, ComponentSpec pruner) {

        static final List<String> SAMPLERS = List.of("tpe", "random");
        static final List<String> PRUNERS = List.of("none", "median", "successive_halving", "hyperband");

        /**
         * Parses {@code SAMPLER/PRUNER}.
         *
         * @throws IllegalArgumentException naming the bad part and what was expected
         */
        static Config parse(String text) {
            String[] parts = text.split("/", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("--optuna must be SAMPLER/PRUNER, e.g. tpe/median or random/none, but got '"
                        + text + "'");
            }
            ComponentSpec sampler = Configuration.component(parts[0], Map.of());
            ComponentSpec pruner = Configuration.component(parts[1], Map.of());
            if (!SAMPLERS.contains(sampler.type())) {
                throw new IllegalArgumentException("--optuna: the sampler must be one of " + SAMPLERS + ", but got '"
                        + sampler.type() + "' in '" + text + "'");
            }
            if (!PRUNERS.contains(pruner.type())) {
                throw new IllegalArgumentException("--optuna: the pruner must be one of " + PRUNERS + ", but got '"
                        + pruner.type() + "' in '" + text + "'");
            }
            return new Config(text.trim(), sampler, pruner);
        }

        /** The label of its rows in the table and the JSON, e.g. {@code optuna tpe/median}. */
        String rowLabel() {
            return "optuna " + label;
        }

        /** A name usable in a file name: {@code optuna-tpe-median}. */
        String fileName() {
            return ("optuna-" + sampler.type() + "-" + pruner.type()).replaceAll("[^A-Za-z0-9_.-]", "_");
        }
    }

    /** The study's settings, everything but the configuration and the seed. */
    record Protocol(Path images, Path labels, int train, int validation, SearchSpace space, int trials, int jobs,
                    EarlyStopping earlyStopping) {
    }

    /** Extracts the twin's scripts into {@code dir}. */
    static OptunaTwin extract(String python, Path dir) throws IOException {
        TrainingBenchmark.extract("/io/hpo4j/bench/torch_mlp.py", dir);
        return new OptunaTwin(python, TrainingBenchmark.extract("/io/hpo4j/bench/optuna_mlp.py", dir));
    }

    /**
     * Checks that {@code python} imports Optuna and PyTorch.
     *
     * @throws IllegalArgumentException naming the interpreter and the packages to install
     */
    void check() throws InterruptedException {
        String problem;
        try {
            Process p = new ProcessBuilder(python, "-c", "import optuna, torch").redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            problem = p.waitFor() == 0 ? null : output.isEmpty() ? "exit " + p.exitValue() : output.lines().reduce((a, b) -> b).orElse("");
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            throw new IllegalArgumentException("--python: " + python + " cannot import optuna and torch (" + problem
                    + "); install them with: " + INSTALL_HINT + " (or pass --no-optuna)");
        }
    }

    /** The command that runs one study. */
    List<String> command(Protocol p, Config config, long seed, String storageUrl) {
        EarlyStopping e = p.earlyStopping();
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(),
                "--images", p.images().toString(), "--labels", p.labels().toString(),
                "--train", String.valueOf(p.train()), "--validation", String.valueOf(p.validation()),
                "--space", Json.writeStrict(Distributions.toMap(p.space())),
                "--defaults", Json.writeStrict(MlpConfig.DEFAULTS),
                "--sampler", config.sampler().type(), "--sampler-settings", Json.writeStrict(config.sampler().settings()),
                "--pruner", config.pruner().type(), "--pruner-settings", Json.writeStrict(config.pruner().settings()),
                "--trials", String.valueOf(p.trials()), "--jobs", String.valueOf(p.jobs()), "--seed", String.valueOf(seed),
                "--patience", String.valueOf(e.enabled() ? e.patience() : 0), "--min-delta", String.valueOf(e.minDelta()),
                "--storage", storageUrl, "--study", "fashion-quick-" + config.fileName() + "-seed" + seed));
        return cmd;
    }

    /** A finished study: what it did, and the versions and libraries it ran with. */
    record Result(Outcome outcome, Map<String, Object> runtime) {
    }

    /**
     * Runs one study (one PyTorch thread per worker process), echoing each finished trial.
     *
     * @throws IllegalStateException if the script fails or ends without its summary
     */
    Result run(Protocol p, Config config, long seed, Path database) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(p, config, seed, "sqlite:///" + database.toAbsolutePath()))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("MKL_NUM_THREADS", "1");
        Process process = pb.start();
        Map<String, Object> summary = null;
        List<Map<String, Object>> workers = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("{")) {
                    System.out.println(line);
                    continue;
                }
                Map<String, Object> json = Json.parseObject(line);
                if (Boolean.TRUE.equals(json.get("summary"))) {
                    summary = json;
                } else if (Boolean.TRUE.equals(json.get("worker_end"))) {
                    Map<String, Object> worker = new LinkedHashMap<>(json);
                    worker.remove("worker_end");
                    workers.add(worker);
                } else {
                    System.out.println(describeTrial(json));
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || summary == null) {
            throw new IllegalStateException(script.getFileName() + " (" + config.rowLabel() + ", seed " + seed + ") exited with "
                    + exit + (summary == null ? " without its summary line" : "") + "; its standard error is above");
        }
        Map<String, Object> runtime = runtime(summary);
        runtime.put("workers", workers);
        return new Result(outcome(summary), runtime);
    }

    /** One line for a finished trial: {@code optuna trial 3 (worker 0): COMPLETE 0.8512, 7 epochs}. */
    static String describeTrial(Map<String, Object> trial) {
        Object value = trial.get("value");
        String reason = trial.get("reason") instanceof String s && !s.isEmpty() ? " (" + s + ")" : "";
        return String.format(Locale.ROOT, "optuna trial %s (worker %s): %s%s, %s epochs%s", trial.get("trial"), trial.get("worker"),
                trial.get("state"), value instanceof Number n ? String.format(Locale.ROOT, " %.4f", n.doubleValue()) : "",
                trial.get("epochs"), reason);
    }

    /**
     * The outcome in a summary line of {@code optuna_mlp.py}.
     *
     * @throws IllegalStateException naming the missing or mistyped field
     */
    @SuppressWarnings("unchecked")
    static Outcome outcome(Map<String, Object> summary) {
        Object best = summary.get("best_validation_accuracy");
        if (best != null && !(best instanceof Number)) {
            throw new IllegalStateException("optuna summary: best_validation_accuracy must be a number or null, but got " + best);
        }
        Object params = summary.getOrDefault("best_params", Map.of());
        if (!(params instanceof Map)) {
            throw new IllegalStateException("optuna summary: best_params must be an object, but got " + params);
        }
        return new Outcome(whole(summary, "seed"), best == null ? Double.NaN : ((Number) best).doubleValue(),
                (int) whole(summary, "best_trial"), Map.copyOf((Map<String, Object>) params), (int) whole(summary, "epochs"),
                (int) whole(summary, "trials"), (int) whole(summary, "complete"), (int) whole(summary, "pruned"),
                (int) whole(summary, "failed"), number(summary, "seconds"), String.valueOf(summary.get("storage")));
    }

    /** The versions a summary line names: optuna, torch, threads_per_trial, jobs (a new, modifiable map). */
    static Map<String, Object> runtime(Map<String, Object> summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : List.of("optuna", "torch", "threads_per_trial", "jobs")) {
            if (summary.containsKey(key)) {
                m.put(key, summary.get(key));
            }
        }
        return m;
    }

    private static long whole(Map<String, Object> summary, String key) {
        double d = number(summary, key);
        if (d != Math.rint(d)) {
            throw new IllegalStateException("optuna summary: " + key + " must be a whole number, but got " + summary.get(key));
        }
        return (long) d;
    }

    private static double number(Map<String, Object> summary, String key) {
        if (!(summary.get(key) instanceof Number n)) {
            throw new IllegalStateException("optuna summary: " + key + " must be a number, but got "
                    + (summary.containsKey(key) ? summary.get(key) : "nothing"));
        }
        return n.doubleValue();
    }

    /** The IDX file of {@code dir} named {@code name}, gzipped if that exists. */
    static Path idx(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : dir.resolve(name);
    }
}
