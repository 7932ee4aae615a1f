package io.hpo4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.trainers.MlpSearchSpaces;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.Provenance;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.sampler.genetic.GeneticSettings;
import io.hpo4j.tuner.space.SearchSpace;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bench/run storage-overhead}: what storing a study in an embedded H2 file costs. A no-op
 * objective over the default MLP search space (8 parameters) runs {@code --trials} trials one
 * after another, with the random and the genetic sampler, each in a new H2 file; the table gives
 * milliseconds per trial (all trials, and the last tenth, to see whether the cost grows), the
 * time to open the new file (schema migration included) and to open it again and read the study,
 * and the file's size after closing. Optuna's random sampler on SQLite runs the same space and
 * budget in the same run when Debian's {@code python3-optuna} is importable by
 * {@code /usr/bin/python3}. Writes {@code storage-overhead.json}.
 */
final class StorageOverheadBenchmark implements Benchmark {

    /** The default MLP space; {@link #OPTUNA_SCRIPT} suggests the same eight parameters. */
    static final SearchSpace SPACE = MlpSearchSpaces.defaults();

    private static final String PYTHON = "/usr/bin/python3";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Optuna's side: the same eight parameters, define-by-run, a no-op objective. */
    private static final String OPTUNA_SCRIPT = """
            import json, os, sys, time
            import optuna
            optuna.logging.set_verbosity(optuna.logging.WARNING)
            path, trials = sys.argv[1], int(sys.argv[2])
            def objective(t):
                t.suggest_int("epochs", 3, 20)
                t.suggest_categorical("batch_size", [32, 64, 128, 256, 512])
                lr = t.suggest_float("learning_rate", 1e-4, 1e-1, log=True)
                t.suggest_int("hidden_units", 32, 512, log=True)
                t.suggest_int("layers", 1, 3)
                d = t.suggest_float("dropout", 0.0, 0.5)
                t.suggest_categorical("activation", ["relu", "tanh", "sigmoid"])
                t.suggest_categorical("optimizer", ["sgd", "momentum", "nesterov", "rmsprop", "adam", "adagrad"])
                return lr + d
            url = "sqlite:///" + path
            t0 = time.perf_counter()
            study = optuna.create_study(study_name="overhead", storage=url, sampler=optuna.samplers.RandomSampler(seed=1))
            opened = time.perf_counter() - t0
            times = []
            cpu0 = time.thread_time()
            for i in range(trials):
                s = time.perf_counter()
                study.optimize(objective, n_trials=1)
                times.append(time.perf_counter() - s)
            cpu = time.thread_time() - cpu0
            del study
            t1 = time.perf_counter()
            again = optuna.load_study(study_name="overhead", storage=url)
            n = len(again.trials)
            reopened = time.perf_counter() - t1
            print(json.dumps({"version": optuna.__version__, "open_seconds": opened, "trial_seconds": times,
                              "trial_cpu_seconds": cpu, "reopen_seconds": reopened, "trials_read": n, "file_bytes": os.path.getsize(path)}))
            """;

    @Override
    public String name() {
        return "storage-overhead";
    }

    @Override
    public String description() {
        return "ms/trial and H2 file size of a no-op objective, random and genetic, vs Optuna random on SQLite";
    }

    @Override
    public String usage() {
        return """
                options:
                  --trials N     trials per study (default 1000)
                  --no-optuna    skip Optuna even if it is installed
                  --out FILE     JSON file name in the results directory (default storage-overhead.json)
                """;
    }

    @Override
    public void run(List<String> args, Path resultsDir) throws Exception {
        int trials = 1000;
        boolean optuna = true;
        String out = "storage-overhead.json";
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--no-optuna" -> optuna = false;
                case "--trials", "--out" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("option " + option + " needs a value");
                    }
                    String value = args.get(++i);
                    if (option.equals("--trials")) {
                        trials = OptionValues.positive(option, value);
                    } else {
                        out = value;
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + usage());
            }
        }
        String loadBefore = TrainingBenchmark.loadAverage();
        Path work = Files.createTempDirectory("hpo4j-storage-overhead");
        List<Result> results = new ArrayList<>();
        try {
            results.add(hpo4j("hpo4j random, H2 file", Samplers.random(), trials, work.resolve("random")));
            results.add(hpo4j("hpo4j genetic, H2 file", Samplers.genetic(GeneticSettings.defaults()), trials,
                    work.resolve("genetic")));
            if (optuna) {
                results.add(optuna(trials, work.resolve("optuna.db")));
            }
        } finally {
            deleteRecursively(work);
        }
        String loadAfter = TrainingBenchmark.loadAverage();
        System.out.println(table(results, trials));
        System.out.println("load average (1, 5, 15 min): " + loadBefore + " before, " + loadAfter + " after");

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", name());
        json.put("created", Instant.now().toString());
        json.put("trials", trials);
        json.put("search_space", SPACE.names());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result r : results) {
            rows.add(r.toMap());
        }
        json.put("results", rows);
        json.put("load_average_start", loadBefore);
        json.put("load_average_end", loadAfter);
        json.put("runtime", Provenance.runtime());
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve(out);
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json) + "\n");
        System.out.println("wrote " + file);
    }

    private static Result hpo4j(String label, Sampler sampler, int trials, Path dir) {
        Path base = dir.resolve("studies");
        String url = "jdbc:h2:file:" + base;
        long t0 = System.nanoTime();
        double[] perTrial = new double[trials];
        double openSeconds;
        double cpuSeconds;
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            Study study = Study.builder("overhead").storage(storage).direction(Direction.MINIMIZE)
                    .searchSpace(SPACE).sampler(sampler).seed(1).build();
            openSeconds = seconds(t0);
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < trials; i++) {
                long s = System.nanoTime();
                study.optimize(trial -> {
                    Map<String, Object> p = trial.suggestAll();
                    return ((Number) p.get("learning_rate")).doubleValue() + ((Number) p.get("dropout")).doubleValue();
                }, 1);
                perTrial[i] = seconds(s);
            }
            cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
        }
        long t1 = System.nanoTime();
        int read;
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            long studyId = storage.findStudy("overhead").orElseThrow().id();
            read = storage.trials(studyId, EnumSet.allOf(TrialState.class)).size();
        }
        double reopenSeconds = seconds(t1);
        return new Result(label, "", openSeconds, perTrial, cpuSeconds, reopenSeconds, read,
                size(base.resolveSibling("studies.mv.db")));
    }

    private static Result optuna(int trials, Path db) throws IOException, InterruptedException {
        Path script = Files.createTempFile("optuna-overhead", ".py");
        try {
            Files.writeString(script, OPTUNA_SCRIPT);
            Process p = new ProcessBuilder(PYTHON, script.toString(), db.toString(), String.valueOf(trials))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0 || stdout.isEmpty()) {
                return Result.skipped("Optuna random, SQLite", "not measured: " + PYTHON
                        + " could not run Optuna (apt-get install -y python3-optuna)");
            }
            Map<?, ?> m = new ObjectMapper().readValue(stdout.lines().reduce((a, b) -> b).orElseThrow(), Map.class);
            List<?> times = (List<?>) m.get("trial_seconds");
            double[] perTrial = times.stream().mapToDouble(t -> ((Number) t).doubleValue()).toArray();
            return new Result("Optuna " + m.get("version") + " random, SQLite", "",
                    ((Number) m.get("open_seconds")).doubleValue(), perTrial,
                    ((Number) m.get("trial_cpu_seconds")).doubleValue(), ((Number) m.get("reopen_seconds")).doubleValue(),
                    ((Number) m.get("trials_read")).intValue(),
                    ((Number) m.get("file_bytes")).longValue());
        } catch (IOException e) {
            return Result.skipped("Optuna random, SQLite", "not measured: " + e.getMessage());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static String table(List<Result> results, int trials) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "no-op objective, 8 parameters, %d trials, sequential%n", trials));
        String header = "%-34s %10s %14s %10s %9s %11s %10s%n";
        sb.append(String.format(Locale.ROOT, header, "system", "ms/trial", "ms/trial last", "CPU ms", "open s", "reopen s",
                "file MB"));
        for (Result r : results) {
            if (!r.note().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "%-34s %s%n", r.label(), r.note()));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-34s %10.2f %14.2f %10.2f %9.2f %11.2f %10.2f%n", r.label(), r.msPerTrial(),
                    r.msPerTrialLastTenth(), r.cpuMsPerTrial(), r.openSeconds(), r.reopenSeconds(), r.fileBytes() / 1e6));
        }
        sb.append("ms/trial last: mean over the last tenth of the trials; CPU ms: CPU time per trial of the thread that runs"
                + " the trials (not the JVM's compiler and collector threads), which other load on the machine inflates"
                + " less than wall time; reopen: open the file again and read every trial");
        return sb.toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One system's figures; {@code note} is non-empty (and the figures meaningless) when it was not measured. */
    record Result(String label, String note, double openSeconds, double[] trialSeconds, double trialCpuSeconds,
                  double reopenSeconds, int trialsRead, long fileBytes) {

        static Result skipped(String label, String note) {
            return new Result(label, note, 0, new double[0], 0, 0, 0, 0);
        }

        double cpuMsPerTrial() {
            return trialSeconds.length == 0 ? Double.NaN : trialCpuSeconds / trialSeconds.length * 1000;
        }

        double msPerTrial() {
            return mean(0, trialSeconds.length) * 1000;
        }

        double msPerTrialLastTenth() {
            return mean(trialSeconds.length - Math.max(1, trialSeconds.length / 10), trialSeconds.length) * 1000;
        }

        /** Mean ms/trial of each tenth of the trials, in order: how much of the cost is warming up. */
        List<Double> msPerTrialByTenth() {
            List<Double> tenths = new ArrayList<>();
            int n = trialSeconds.length;
            for (int i = 0; i < 10 && n >= 10; i++) {
                tenths.add(mean(i * n / 10, (i + 1) * n / 10) * 1000);
            }
            return tenths;
        }

        private double mean(int from, int to) {
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += trialSeconds[i];
            }
            return to > from ? sum / (to - from) : Double.NaN;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("system", label);
            if (!note.isEmpty()) {
                m.put("note", note);
                return m;
            }
            m.put("ms_per_trial", msPerTrial());
            m.put("ms_per_trial_last_tenth", msPerTrialLastTenth());
            m.put("cpu_ms_per_trial", cpuMsPerTrial());
            m.put("ms_per_trial_by_tenth", msPerTrialByTenth());
            m.put("open_seconds", openSeconds);
            m.put("reopen_seconds", reopenSeconds);
            m.put("trials_read", trialsRead);
            m.put("file_bytes", fileBytes);
            return m;
        }
    }
}
