package io.hpo4j.bench;

import io.hpo4j.studies.config.ComponentSpec;
import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.run.StoredModelKeeper;
import io.hpo4j.studies.run.StudyRunner;
import io.hpo4j.studies.run.ThreadLayout;
import io.hpo4j.studies.run.TrainerObjectives;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.trainers.MlpSearchSpaces;
import io.hpo4j.trainers.EarlyStopping;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.IdxLoader;
import io.hpo4j.trainers.data.IdxPart;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.data.TestPart;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Provenance;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.space.Distributions;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.Storage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run fashion-quick}: the Fashion-MNIST "quick" benchmark. Each configuration (a
 * sampler and a pruner) runs a study of 30 trials of DL4J MLPs over the default search space on
 * the first 10,000 images of the Fashion-MNIST training file, validated on its last 5,000, once
 * per seed, through the same {@link StudyRunner} as {@code hpo run}, each run in a fresh H2
 * database. Reported per configuration (median over seeds): the best validation accuracy of a
 * completed trial, the epochs trained by all trials (counted in the stored learning curves),
 * how many trials were pruned, and the wall time. Writes {@code fashion-quick.json} after every
 * run, so an interrupted benchmark keeps what it measured.
 *
 * <p>Runs go seed by seed, every configuration for one seed before the next seed, so that
 * stopping early still leaves a comparison of every configuration on the same seeds. The same
 * seed gives every configuration with the random sampler the same parameters for trial N, and
 * the genetic sampler the same first {@code population} trials, so comparisons are paired.
 *
 * <p>After hpo4j's configurations of a seed come, unless {@code --no-optuna}, the
 * {@linkplain OptunaTwin Optuna twins} of that seed (default {@code tpe/median} and
 * {@code random/none}): Optuna 3.1's samplers and pruners over a PyTorch copy of the trainer, on
 * the same rows, space, early stopping, trials and jobs, so the comparison with Optuna is measured
 * in the same run. Their rows are labelled {@code optuna SAMPLER/PRUNER}.
 */
final class FashionQuickBenchmark implements Benchmark {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the IDX files. */
    static final Path DEFAULT_DATA = Path.of("/usr/share/datasets/fashion-mnist");

    static final List<String> DEFAULT_CONFIGS = List.of("random/none", "genetic/none", "random/median",
            "random/successive_halving", "tpe/median", "tpe/successive_halving", "bohb/successive_halving");

    /** The default search space of hpo4j, as in {@code examples/fashion-mnist.yaml}. */
    static final SearchSpace SPACE = MlpSearchSpaces.defaults();

    /** The Python that runs the Optuna twins: Debian's, which has python3-optuna and python3-torch. */
    static final String PYTHON = "/usr/bin/python3";

    @Override
    public String name() {
        return "fashion-quick";
    }

    @Override
    public String description() {
        return "samplers and pruners on real DL4J studies: Fashion-MNIST 10k/5k, 30 trials (minutes to hours)";
    }

    @Override
    public String usage() {
        return """
                options:
                  --config SAMPLER/PRUNER  a configuration, repeatable (default: %s).
                                           SAMPLER: random | genetic | tpe | bohb, PRUNER: none | median |
                                           successive_halving | hyperband, each optionally followed by
                                           key=value settings, e.g. 'genetic population=16/median n_warmup_steps=3'.
                                           A pruner without settings gets the benchmark's: %s
                  --trials N               trials per study (default 30)
                  --seeds N                seeds per configuration (default 3); the table gives the median
                  --first-seed N           seeds N..N+seeds-1 (default 0)
                  --jobs J                 trials at once (default 2), one ND4J thread each
                  --patience N             early stopping on validation_loss: epochs without improvement
                                           (default 3; 0 disables early stopping)
                  --min-delta X            early stopping: smallest improvement (default 0.001)
                  --data DIR               Fashion-MNIST IDX files (default %s; Debian package
                                           dataset-fashion-mnist)
                  --train-size N           first N training images train (default 10000)
                  --validation-size N      last N training images validate (default 5000)
                  --test                   hold the 10,000 t10k images out as test data: each study keeps its
                                           best 3 networks, scores them on the test images after the search
                                           and retrains the chosen trial on train + validation, as hpo run,
                                           hpo model export and hpo retrain do; prints validation vs test,
                                           the selection optimism, the kept models' bytes, export and
                                           retrain times (off by default: it adds a retraining per study)
                  --optuna SAMPLER/PRUNER  an Optuna twin, repeatable (default: %s): Optuna's sampler
                                           and pruner over a PyTorch copy of the trainer, same rows, space,
                                           early stopping, trials and jobs, run after hpo4j's configurations
                                           of each seed. SAMPLER: tpe | random, PRUNER: none | median |
                                           successive_halving | hyperband, each optionally followed by
                                           key=value constructor arguments; without them Optuna's defaults
                                           (e.g. 'tpe/median n_warmup_steps=2'). Rows: 'optuna SAMPLER/PRUNER'
                  --no-optuna              run no Optuna twin (hpo4j only; no comparison with Optuna)
                  --python PATH            the Python of the twins (default %s; needs Debian's
                                           python3-optuna, python3-torch, libopenblas0-openmp)
                  --out FILE               JSON file in the results directory (default fashion-quick.json)
                Each run's H2 database is kept under bench/results/fashion-quick/<time>/ (inspect it with
                ./hpo leaderboard <study> --storage jdbc:h2:file:<path>), each Optuna twin's SQLite database
                beside them.
                """.formatted(String.join(", ", DEFAULT_CONFIGS), Configuration.PRUNER_DEFAULTS, DEFAULT_DATA,
                String.join(", ", OptunaTwin.DEFAULT_CONFIGS), PYTHON);
    }

    @Override
    public void run(List<String> args, Path resultsDir) throws Exception {
        Options o = Options.parse(args);
        if (!Files.isRegularFile(o.data.resolve("train-images-idx3-ubyte.gz"))
                && !Files.isRegularFile(o.data.resolve("train-images-idx3-ubyte"))) {
            throw new IllegalArgumentException("--data: no Fashion-MNIST training images (train-images-idx3-ubyte[.gz]) in "
                    + o.data + "; install them with: apt-get update && apt-get install -y dataset-fashion-mnist");
        }
        DataSpec data = DataSpec.of(DataSource.idxDirectory(o.data, IdxPart.TRAIN),
                Split.headTail(o.trainSize, o.validationSize));
        if (o.test) {
            IdxLoader.find(o.data, IdxPart.TEST);   // the t10k files, named if missing
            data = data.withTest(TestPart.separate(DataSource.idxDirectory(o.data, IdxPart.TEST)));
        }
        EarlyStopping earlyStopping = o.patience == 0 ? EarlyStopping.disabled()
                : EarlyStopping.of(Metric.VALIDATION_LOSS, o.patience, o.minDelta);
        OptunaTwin twin = null;
        if (!o.optuna.isEmpty()) {
            twin = OptunaTwin.extract(o.python, Files.createTempDirectory("hpo4j-optuna-twin"));
            twin.check();
        }
        ThreadLayout layout = ThreadLayout.of(o.jobs, System.getenv(), Runtime.getRuntime().availableProcessors());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path databases = resultsDir.toAbsolutePath().resolve("fashion-quick").resolve(stamp);
        Files.createDirectories(databases);

        String setup = String.format(Locale.ROOT, "Fashion-MNIST quick: %s; %d trials per study; %s; early stopping: %s; seeds %d..%d",
                data.describe(), o.trials, layout.describe(), describe(earlyStopping), o.firstSeed, o.firstSeed + o.seeds - 1);
        System.out.println(setup);
        System.out.println("databases: " + databases);

        warmUp(data, o.jobs, layout);

        OptunaTwin.Protocol protocol = new OptunaTwin.Protocol(OptunaTwin.idx(o.data, "train-images-idx3-ubyte"),
                OptunaTwin.idx(o.data, "train-labels-idx1-ubyte"), o.trainSize, o.validationSize, SPACE, o.trials, o.jobs,
                earlyStopping);
        Rows rows = Rows.of(o.configs, o.optuna);
        Map<String, List<Outcome>> outcomes = rows.outcomes;
        long started = System.nanoTime();
        for (int seed = o.firstSeed; seed < o.firstSeed + o.seeds; seed++) {
            for (int i = 0; i < o.configs.size(); i++) {
                Configuration config = o.configs.get(i);
                String study = "fashion-quick-" + config.fileName() + "-seed" + seed;
                Path db = databases.resolve((i + 1) + "-" + config.fileName() + "-seed" + seed);
                System.out.printf(Locale.ROOT, "%n=== %s, seed %d (%s) ===%n", config.label(), seed, db);
                StudyFile file = studyFile(study, data, SPACE, config, seed, o.trials, o.jobs, earlyStopping);
                Outcome outcome = runOnce(file, "jdbc:h2:file:" + db, seed, layout, o.test);
                outcomes.get(config.label()).add(outcome);
                printOutcome(config.label(), outcome);
                writeJson(resultsDir.resolve(o.out), setup, o, earlyStopping, layout, rows, databases,
                        (System.nanoTime() - started) / 1e9);
            }
            for (int i = 0; i < o.optuna.size(); i++) {
                OptunaTwin.Config config = o.optuna.get(i);
                Path db = databases.resolve((o.configs.size() + i + 1) + "-" + config.fileName() + "-seed" + seed + ".sqlite");
                System.out.printf(Locale.ROOT, "%n=== %s, seed %d (%s) ===%n", config.rowLabel(), seed, db);
                OptunaTwin.Result result = twin.run(protocol, config, seed, db);
                outcomes.get(config.rowLabel()).add(result.outcome());
                rows.optunaRuntime = result.runtime();
                printOutcome(config.rowLabel(), result.outcome());
                writeJson(resultsDir.resolve(o.out), setup, o, earlyStopping, layout, rows, databases,
                        (System.nanoTime() - started) / 1e9);
            }
            if (seed < o.firstSeed + o.seeds - 1) {
                System.out.printf(Locale.ROOT, "%nafter seed %d (%s so far):%n%s", seed,
                        clock((System.nanoTime() - started) / 1e9), table(outcomes) + comparison(rows));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println();
        System.out.println(setup);
        System.out.print(table(outcomes));
        System.out.print(comparison(rows));
        System.out.printf(Locale.ROOT, "%d configurations%s x %d seeds in %s%n", o.configs.size(),
                o.optuna.isEmpty() ? "" : " + " + o.optuna.size() + " Optuna twins", o.seeds, clock(seconds));
        System.out.println("wrote " + resultsDir.resolve(o.out));
    }

    private static void printOutcome(String label, Outcome outcome) {
        System.out.printf(Locale.ROOT, "=== %s, seed %d: best %.4f, %d epochs, %d pruned, %d failed, %s ===%n",
                label, outcome.seed(), outcome.bestValue(), outcome.epochs(), outcome.pruned(), outcome.failed(),
                clock(outcome.seconds()));
        if (outcome.heldOut() != null) {
            System.out.println("=== " + outcome.heldOut().describe() + " ===");
            System.out.println("=== " + outcome.heldOut().verdict() + " ===");
        }
    }

    /**
     * The table's rows in order, hpo4j's configurations first, then the Optuna twins; each row's
     * outcomes keyed by its label, and what each row is (for the JSON).
     */
    static final class Rows {
        final Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> descriptions = new LinkedHashMap<>();
        final List<String> optunaLabels = new ArrayList<>();
        Map<String, Object> optunaRuntime = Map.of();

        /**
         * @throws IllegalArgumentException if two rows have the same label
         */
        static Rows of(List<Configuration> configs, List<OptunaTwin.Config> optuna) {
            Rows rows = new Rows();
            configs.forEach(rows::add);
            optuna.forEach(rows::add);
            return rows;
        }

        void add(Configuration c) {
            put(c.label(), "hpo4j", c.sampler(), c.pruner());
        }

        void add(OptunaTwin.Config c) {
            put(c.rowLabel(), "optuna", c.sampler(), c.pruner());
            optunaLabels.add(c.rowLabel());
        }

        private void put(String label, String system, ComponentSpec sampler, ComponentSpec pruner) {
            if (outcomes.containsKey(label)) {
                throw new IllegalArgumentException("configuration '" + label + "' is given twice");
            }
            outcomes.put(label, new ArrayList<>());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("system", system);
            d.put("sampler", componentMap(sampler));
            d.put("pruner", componentMap(pruner));
            descriptions.put(label, d);
        }

        Map<String, List<Outcome>> hpo4j() {
            Map<String, List<Outcome>> m = new LinkedHashMap<>(outcomes);
            optunaLabels.forEach(m::remove);
            return m;
        }
    }

    /**
     * Every hpo4j configuration against every Optuna twin of the same run: the difference of the
     * median best accuracies (percentage points), the ratio of the median epochs, and on how many
     * of the seeds both ran hpo4j's best accuracy was higher, equal, lower. Empty without twins.
     */
    static String comparison(Rows rows) {
        StringBuilder sb = new StringBuilder();
        Map<String, List<Outcome>> hpo4j = rows.hpo4j();
        int width = Math.max(14, hpo4j.keySet().stream().mapToInt(String::length).max().orElse(14));
        for (String optuna : rows.optunaLabels) {
            List<Outcome> theirs = rows.outcomes.get(optuna);
            if (theirs.isEmpty()) {
                continue;
            }
            Summary reference = Summary.of(theirs);
            sb.append(String.format(Locale.ROOT, "%nvs %s (this run: %.4f on %.0f epochs), by seed: hpo4j better/equal/worse%n",
                    optuna, reference.bestValue(), reference.epochs()));
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %9s %9s %20s%n", "config", "acc pp", "epochs x", "seeds b/e/w"));
            hpo4j.forEach((label, ours) -> {
                if (ours.isEmpty()) {
                    return;
                }
                Summary s = Summary.of(ours);
                int[] wins = new int[3];
                for (Outcome a : ours) {
                    for (Outcome b : theirs) {
                        if (a.seed() == b.seed()) {
                            int c = Double.compare(a.bestValue(), b.bestValue());
                            wins[c > 0 ? 0 : c == 0 ? 1 : 2]++;
                        }
                    }
                }
                sb.append(String.format(Locale.ROOT, "%-" + width + "s %+9.2f %9.2f %20s%n", label,
                        100 * (s.bestValue() - reference.bestValue()), s.epochs() / reference.epochs(),
                        wins[0] + "/" + wins[1] + "/" + wins[2]));
            });
        }
        return sb.toString();
    }

    /**
     * Loads the data and trains two small networks, unrecorded, so that the first configuration's
     * wall time does not include loading ND4J's native code and warming up the JIT.
     */
    private static void warmUp(DataSpec data, int jobs, ThreadLayout layout) {
        long t0 = System.nanoTime();
        SearchSpace oneOrTwoEpochs = SearchSpace.builder().addInt("epochs", 1, 2).build();
        StudyFile file = studyFile("warm-up", data.withTrainLimit(1_000).withTest(TestPart.none()), oneOrTwoEpochs, Configuration.parse("random/none"),
                0, Math.max(2, jobs), jobs, EarlyStopping.disabled());
        try (Storage storage = new InMemoryStorage()) {
            new StudyRunner(storage, new PrintWriter(Writer.nullWriter()), Clock.systemUTC(), System.getenv(),
                    layout.cores(), TrainerObjectives::forStudy).run(file);
        }
        System.out.printf(Locale.ROOT, "warm-up (data loaded, two small networks trained, not recorded): %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
    }

    /** The study a run is: what {@code hpo run} would read from a study file. */
    static StudyFile studyFile(String name, DataSpec data, SearchSpace space, Configuration config, long seed, int trials,
                               int jobs, EarlyStopping earlyStopping) {
        return new StudyFile(null, name, "bench/run fashion-quick " + config.label(), Metric.VALIDATION_ACCURACY,
                Direction.MAXIMIZE, data, space, Map.of(), config.sampler(), config.pruner(), seed, trials, null, jobs,
                earlyStopping, null);
    }

    /**
     * One study in a fresh database; what it did, read back from storage. With {@code test}, the
     * study keeps its best networks and they are measured on the test part afterwards ({@link HeldOut}).
     */
    private static Outcome runOnce(StudyFile file, String url, long seed, ThreadLayout layout, boolean test)
            throws IOException, InterruptedException {
        PrintWriter out = new PrintWriter(System.out, true);
        try (Storage storage = JdbcStorage.open(url)) {
            StudyRunner.Result result = new StudyRunner(storage, out, Clock.systemUTC(), System.getenv(), layout.cores(),
                    test ? f -> TrainerObjectives.forStudy(f, StoredModelKeeper.of(storage, f.name(), f.keepModels()))
                            : TrainerObjectives::forStudy).run(file);
            List<FrozenTrial> trials = result.study().trials(EnumSet.allOf(TrialState.class));
            int epochs = 0;
            int pruned = 0;
            int failed = 0;
            int complete = 0;
            for (FrozenTrial t : trials) {
                epochs += storage.epochs(t.id()).size();
                switch (t.state()) {
                    case PRUNED -> pruned++;
                    case FAIL -> failed++;
                    case COMPLETE -> complete++;
                    default -> { }
                }
            }
            FrozenTrial best = result.best();
            return new Outcome(seed, best == null ? Double.NaN : best.value(), best == null ? -1 : best.number(),
                    best == null ? Map.of() : best.params(), epochs, trials.size(), complete, pruned, failed,
                    result.elapsed().toMillis() / 1000.0, url, test && best != null ? HeldOut.measure(storage, file) : null);
        }
    }

    /** What one study did; {@code heldOut} only with {@code --test}, else null. */
    record Outcome(long seed, double bestValue, int bestTrial, Map<String, Object> bestParams, int epochs, int trials,
                   int complete, int pruned, int failed, double seconds, String storage, HeldOut heldOut) {

        Outcome(long seed, double bestValue, int bestTrial, Map<String, Object> bestParams, int epochs, int trials,
                int complete, int pruned, int failed, double seconds, String storage) {
            this(seed, bestValue, bestTrial, bestParams, epochs, trials, complete, pruned, failed, seconds, storage, null);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", seed);
            m.put("best_validation_accuracy", Double.isNaN(bestValue) ? null : bestValue);
            m.put("best_trial", bestTrial);
            m.put("best_params", bestParams);
            m.put("epochs", epochs);
            m.put("trials", trials);
            m.put("complete", complete);
            m.put("pruned", pruned);
            m.put("failed", failed);
            m.put("seconds", seconds);
            m.put("storage", storage);
            if (heldOut != null) {
                m.put("held_out", heldOut.toMap());
            }
            return m;
        }
    }

    /** Medians over seeds of one configuration. */
    record Summary(double bestValue, double epochs, double pruned, double failed, double seconds) {
        static Summary of(List<Outcome> runs) {
            return new Summary(median(runs.stream().map(Outcome::bestValue).toList()),
                    median(runs.stream().map(r -> (double) r.epochs()).toList()),
                    median(runs.stream().map(r -> (double) r.pruned()).toList()),
                    median(runs.stream().map(r -> (double) r.failed()).toList()),
                    median(runs.stream().map(Outcome::seconds).toList()));
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("best_validation_accuracy", bestValue);
            m.put("epochs", epochs);
            m.put("pruned", pruned);
            m.put("failed", failed);
            m.put("seconds", seconds);
            return m;
        }
    }

    static double median(List<Double> values) {
        return Quartiles.of(values).median();
    }

    /**
     * The table: per configuration, the medians over seeds, and against the first configuration
     * the ratio of epochs and the difference in best accuracy (percentage points); then every run.
     */
    static String table(Map<String, List<Outcome>> outcomes) {
        int width = Math.max(14, outcomes.keySet().stream().mapToInt(String::length).max().orElse(14));
        StringBuilder sb = new StringBuilder();
        int seeds = outcomes.values().stream().mapToInt(List::size).max().orElse(0);
        sb.append(String.format(Locale.ROOT, "median over %d seed%s%n", seeds, seeds == 1 ? "" : "s"));
        String header = "%-" + width + "s %12s %7s %7s %6s %9s %14s %12s%n";
        String first = outcomes.keySet().iterator().next();
        sb.append(String.format(Locale.ROOT, header, "config", "best_val_acc", "epochs", "pruned", "failed", "wall",
                "epochs/first", "acc-first pp"));
        Summary reference = outcomes.get(first).isEmpty() ? null : Summary.of(outcomes.get(first));
        for (Map.Entry<String, List<Outcome>> e : outcomes.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            Summary s = Summary.of(e.getValue());
            String ratio = reference == null || e.getKey().equals(first) ? "" : String.format(Locale.ROOT, "%.2f", s.epochs() / reference.epochs());
            String diff = reference == null || e.getKey().equals(first) ? ""
                    : String.format(Locale.ROOT, "%+.2f", 100 * (s.bestValue() - reference.bestValue()));
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %12.4f %7.0f %7.0f %6.0f %9s %14s %12s%n",
                    e.getKey(), s.bestValue(), s.epochs(), s.pruned(), s.failed(), clock(s.seconds()), ratio, diff));
        }
        sb.append(String.format(Locale.ROOT, "%nper run%n"));
        sb.append(String.format(Locale.ROOT, "%-" + width + "s %5s %12s %10s %7s %7s %6s %9s%n", "config", "seed", "best_val_acc",
                "best_trial", "epochs", "pruned", "failed", "wall"));
        outcomes.forEach((config, runs) -> runs.forEach(r -> sb.append(String.format(Locale.ROOT,
                "%-" + width + "s %5d %12.4f %10d %7d %7d %6d %9s%n", config, r.seed(), r.bestValue(), r.bestTrial(),
                r.epochs(), r.pruned(), r.failed(), clock(r.seconds())))));
        if (outcomes.values().stream().flatMap(List::stream).anyMatch(r -> r.heldOut() != null)) {
            sb.append(String.format(Locale.ROOT, "%nheld-out test images (--test): the chosen trial's kept network, the kept ones, "
                    + "export and retrain%n"));
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %5s %6s %8s %8s %9s %8s %9s %11s %8s %8s %9s%n", "config",
                    "seed", "trial", "val_acc", "test_acc", "optimism", "± 2 se", "mean_gap", "kept_bytes", "export",
                    "retrain", "retrained"));
            outcomes.forEach((config, runs) -> runs.stream().filter(r -> r.heldOut() != null).forEach(r -> {
                HeldOut h = r.heldOut();
                sb.append(String.format(Locale.ROOT, "%-" + width + "s %5d %6d %8.4f %8.4f %+9.4f %8.4f %+9.4f %11d %7.2fs %7.1fs %9.4f%n",
                        config, r.seed(), h.chosenTrial(), h.validation(), h.test(), h.optimism(), h.twoStandardErrors(),
                        h.meanGap(), h.keptBytes(), h.exportSeconds(), h.retrainSeconds(), h.retrainedTest()));
            }));
        }
        return sb.toString();
    }

    private static void writeJson(Path file, String setup, Options o, EarlyStopping earlyStopping, ThreadLayout layout,
                                  Rows rows, Path databases, double seconds)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "fashion-quick");
        json.put("created", Instant.now().toString());
        json.put("setup", setup);
        json.put("data", Map.of("dir", o.data.toString(), "train", "first " + o.trainSize + " of the training file",
                "validation", "last " + o.validationSize + " of the training file",
                "test", o.test ? "the t10k files (kept models scored after each study)" : "none"));
        json.put("search_space", Distributions.toMap(SPACE));
        json.put("trials", o.trials);
        json.put("seeds", o.seeds);
        json.put("first_seed", o.firstSeed);
        json.put("jobs", layout.jobs());
        json.put("threads_per_trial", layout.threadsPerTrial());
        json.put("cores", layout.cores());
        json.put("early_stopping", describe(earlyStopping));
        json.put("databases", databases.toString());
        List<Map<String, Object>> configs = new ArrayList<>();
        rows.outcomes.forEach((label, runs) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("config", label);
            c.putAll(rows.descriptions.get(label));
            c.put("median", runs.isEmpty() ? null : Summary.of(runs).toMap());
            c.put("runs", runs.stream().map(Outcome::toMap).toList());
            configs.add(c);
        });
        json.put("configurations", configs);
        if (!rows.optunaLabels.isEmpty()) {
            Map<String, Object> optuna = new LinkedHashMap<>();
            optuna.put("python", o.python);
            optuna.put("twin", "optuna_mlp.py over torch_mlp.py (PyTorch), one process and one thread per job, SQLite storage");
            optuna.putAll(rows.optunaRuntime);
            json.put("optuna", optuna);
        }
        json.put("runtime", Provenance.runtime());
        json.put("seconds", seconds);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.writeStrict(json) + "\n");
    }

    private static Map<String, Object> componentMap(ComponentSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", spec.type());
        m.putAll(spec.settings());
        return m;
    }

    static String describe(EarlyStopping e) {
        return e.enabled() ? e.monitorFor(Metric.VALIDATION_ACCURACY).key() + ", patience " + e.patience() + ", min_delta " + e.minDelta()
                : "off";
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** The command line. */
    static final class Options {
        List<Configuration> configs = new ArrayList<>();
        int trials = 30;
        int seeds = 3;
        int firstSeed = 0;
        int jobs = 2;
        int patience = 3;
        double minDelta = 0.001;
        Path data = DEFAULT_DATA;
        int trainSize = 10_000;
        int validationSize = 5_000;
        String out = "fashion-quick.json";
        List<OptunaTwin.Config> optuna = new ArrayList<>();
        boolean noOptuna = false;
        boolean test = false;
        String python = PYTHON;

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (option.equals("--no-optuna")) {
                    o.noOptuna = true;
                    continue;
                }
                if (option.equals("--test")) {
                    o.test = true;
                    continue;
                }
                String value = i + 1 < args.size() ? args.get(++i) : null;
                if (value == null) {
                    throw new IllegalArgumentException("option " + option + " needs a value");
                }
                switch (option) {
                    case "--config" -> o.configs.add(Configuration.parse(value));
                    case "--trials" -> o.trials = OptionValues.positive(option, value);
                    case "--seeds" -> o.seeds = OptionValues.positive(option, value);
                    case "--first-seed" -> o.firstSeed = OptionValues.nonNegative(option, value);
                    case "--jobs" -> o.jobs = OptionValues.positive(option, value);
                    case "--patience" -> o.patience = OptionValues.nonNegative(option, value);
                    case "--min-delta" -> o.minDelta = OptionValues.nonNegativeReal(option, value);
                    case "--data" -> o.data = Path.of(value);
                    case "--train-size" -> o.trainSize = OptionValues.positive(option, value);
                    case "--validation-size" -> o.validationSize = OptionValues.positive(option, value);
                    case "--out" -> o.out = value;
                    case "--optuna" -> o.optuna.add(OptunaTwin.Config.parse(value));
                    case "--python" -> o.python = value;
                    default -> throw new IllegalArgumentException("unknown option '" + option + "'");
                }
            }
            if (o.noOptuna && !o.optuna.isEmpty()) {
                throw new IllegalArgumentException("--no-optuna and --optuna " + o.optuna.get(0).label() + " contradict each other; give one");
            }
            if (o.configs.isEmpty()) {
                DEFAULT_CONFIGS.forEach(c -> o.configs.add(Configuration.parse(c)));
            }
            if (o.optuna.isEmpty() && !o.noOptuna) {
                OptunaTwin.DEFAULT_CONFIGS.forEach(c -> o.optuna.add(OptunaTwin.Config.parse(c)));
            }
            Rows.of(o.configs, o.optuna); // every label once
            return o;
        }
    }
}
