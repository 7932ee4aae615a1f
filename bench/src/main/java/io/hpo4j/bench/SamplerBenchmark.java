package io.hpo4j.bench;

import io.hpo4j.studies.config.ComponentSpec;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Provenance;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.storage.InMemoryStorage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code bench/run samplers}: runs each sampler on each {@link Problems problem} for a budget of
 * trials and a fixed list of seeds, then, in the same invocation, Optuna's random and TPE
 * samplers on the same problems (the script {@code bench/python/optuna_samplers.py} reimplements
 * them). Reports, per problem and sampler, the median and quartiles of the best value found
 * (lower is better; every optimum is 0) after a quarter, a half and all of the budget, on how
 * many seeds a sampler beats random (the first sampler) and Optuna's TPE, and the two-sided
 * Mann-Whitney p-value against Optuna's TPE. Writes {@code samplers.json}.
 */
final class SamplerBenchmark implements Benchmark {

    static final List<String> DEFAULT_SAMPLERS = List.of("random", "genetic", "tpe", "tpe multivariate=false", "bohb");
    /** The Optuna sampler every other one is compared with. */
    static final String OPTUNA_TPE = "optuna-tpe";
    private static final String DEFAULT_PYTHON = "/usr/bin/python3";

    @Override
    public String name() {
        return "samplers";
    }

    @Override
    public String description() {
        return "hpo4j's samplers and Optuna's on mixed-space test functions (best value at a budget, over seeds)";
    }

    @Override
    public String usage() {
        return """
                options:
                  --budget N          trials per study (default 100)
                  --seeds N           how many seeds (default 20)
                  --first-seed N      seeds N..N+seeds-1 (default 0); tune on other seeds than you report
                  --problems a,b,...  subset of %s (default all)
                  --sampler SPEC      a sampler to compare, repeatable (default: %s).
                                      SPEC is a type of the study files (random, genetic, tpe, bohb)
                                      followed by settings, e.g. 'genetic population=16' or
                                      'tpe n_startup_trials=20 multivariate=false'
                  --optuna MODE       auto (default: run Optuna's samplers if %s can import optuna),
                                      on (fail without it) or off
                  --python PATH       the Python with Optuna (default %s; Debian's python3-optuna)
                  --out FILE          JSON file name in the results directory (default samplers.json)
                """.formatted(Problems.all().stream().map(Problem::name).toList(), DEFAULT_SAMPLERS, DEFAULT_PYTHON,
                DEFAULT_PYTHON);
    }

    @Override
    public void run(List<String> args, Path resultsDir) throws Exception {
        int budget = 100;
        int seeds = 20;
        int firstSeed = 0;
        List<Problem> problems = Problems.all();
        List<String> specs = new ArrayList<>();
        String out = "samplers.json";
        String optunaMode = "auto";
        String python = DEFAULT_PYTHON;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String value = i + 1 < args.size() ? args.get(++i) : null;
            if (value == null) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            switch (option) {
                case "--budget" -> budget = OptionValues.positive(option, value);
                case "--seeds" -> seeds = OptionValues.positive(option, value);
                case "--first-seed" -> firstSeed = OptionValues.nonNegative(option, value);
                case "--problems" -> problems = selectProblems(value);
                case "--sampler" -> specs.add(value.trim());
                case "--optuna" -> {
                    if (!List.of("auto", "on", "off").contains(value)) {
                        throw new IllegalArgumentException("--optuna must be auto, on or off, but got '" + value + "'");
                    }
                    optunaMode = value;
                }
                case "--python" -> python = value;
                case "--out" -> out = value;
                default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + usage());
            }
        }
        if (specs.isEmpty()) {
            specs = DEFAULT_SAMPLERS;
        }
        Map<String, Supplier<Sampler>> samplers = new LinkedHashMap<>();
        for (String spec : specs) {
            samplers.put(spec, parseSampler(spec));
        }

        long started = System.nanoTime();
        Map<String, Map<String, List<double[]>>> curves = new LinkedHashMap<>();
        Map<String, Double> msPerTrial = new LinkedHashMap<>();
        for (Problem problem : problems) {
            Map<String, List<double[]>> byLabel = new LinkedHashMap<>();
            for (Map.Entry<String, Supplier<Sampler>> s : samplers.entrySet()) {
                long t0 = System.nanoTime();
                List<double[]> perSeed = new ArrayList<>();
                for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
                    perSeed.add(bestSoFar(problem, s.getValue().get(), seed, budget));
                }
                msPerTrial.merge(s.getKey(), (System.nanoTime() - t0) / 1e6 / ((double) seeds * budget * problems.size()),
                        Double::sum);
                byLabel.put(s.getKey(), perSeed);
            }
            curves.put(problem.name(), byLabel);
        }
        double javaSeconds = (System.nanoTime() - started) / 1e9;

        Map<String, Object> optuna = null;
        if (!optunaMode.equals("off")) {
            optuna = OptunaRunner.run(python, resultsDir, budget, seeds, firstSeed, problems, optunaMode.equals("on"));
            if (optuna != null) {
                OptunaRunner.addCurves(optuna, curves, msPerTrial, problems.size());
            }
        }

        List<Row> rows = new ArrayList<>();
        List<Map<String, Object>> problemResults = new ArrayList<>();
        for (Problem problem : problems) {
            problemResults.add(summarize(problem, curves.get(problem.name()), budget, rows));
        }
        System.out.println(table(rows, budget, seeds, curves.values().iterator().next().containsKey(OPTUNA_TPE)));
        System.out.println(summary(rows));
        System.out.println("milliseconds per trial (sampler and objective, averaged over the whole run):");
        msPerTrial.forEach((label, ms) -> System.out.printf(Locale.ROOT, "  %-40s %.2f%n", label, ms));
        System.out.printf(Locale.ROOT, "%d problems x %d hpo4j samplers x %d seeds x %d trials in %.1f s%s%n",
                problems.size(), samplers.size(), seeds, budget, javaSeconds,
                optuna == null ? " (Optuna not run)" : String.format(Locale.ROOT, "; Optuna %s in %.1f s",
                        optuna.get("optuna_version"), ((Number) optuna.get("seconds")).doubleValue()));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", name());
        json.put("created", Instant.now().toString());
        json.put("budget", budget);
        json.put("seeds", seeds);
        json.put("first_seed", firstSeed);
        Map<String, Object> described = new LinkedHashMap<>();
        samplers.forEach((label, s) -> described.put(label, s.get().describe()));
        json.put("samplers", described);
        if (optuna != null) {
            json.put("optuna_version", optuna.get("optuna_version"));
            json.put("optuna_python", optuna.get("python"));
        }
        json.put("ms_per_trial", msPerTrial);
        json.put("problems", problemResults);
        json.put("runtime", Provenance.runtime());
        json.put("seconds", javaSeconds);
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve(out);
        Files.writeString(file, Json.writeStrict(json) + "\n");
        System.out.println("wrote " + file);
    }

    /** The best value found after each trial of a seeded study of {@code budget} trials. */
    static double[] bestSoFar(Problem problem, Sampler sampler, long seed, int budget) {
        Study study = Study.builder(problem.name())
                .storage(new InMemoryStorage())
                .direction(Direction.MINIMIZE)
                .searchSpace(problem.space())
                .sampler(sampler)
                .seed(seed)
                .build();
        study.optimize(trial -> problem.evaluate(trial.suggestAll()), budget);
        double[] best = new double[budget];
        double current = Double.POSITIVE_INFINITY;
        List<FrozenTrial> trials = study.trials(EnumSet.allOf(TrialState.class));
        for (int i = 0; i < budget; i++) {
            FrozenTrial t = trials.get(i);
            if (t.state() == TrialState.COMPLETE && t.value() < current) {
                current = t.value();
            }
            best[i] = current;
        }
        return best;
    }

    /** The evaluation counts the table reports: a quarter, a half and all of the budget. */
    static int[] checkpoints(int budget) {
        return new int[]{Math.max(1, budget / 4), Math.max(1, budget / 2), budget};
    }

    private static Map<String, Object> summarize(Problem problem, Map<String, List<double[]>> curves, int budget,
                                                 List<Row> rows) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", problem.name());
        result.put("description", problem.description());
        result.put("optimum", problem.optimum());
        String referenceName = curves.keySet().iterator().next();
        List<double[]> reference = curves.get(referenceName);
        List<double[]> optunaTpe = curves.get(OPTUNA_TPE);
        int[] at = checkpoints(budget);
        Map<String, Object> bySampler = new LinkedHashMap<>();
        curves.forEach((label, perSeed) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            Quartiles[] q = new Quartiles[at.length];
            Map<String, Object> byCount = new LinkedHashMap<>();
            Map<String, Object> versusTpe = new LinkedHashMap<>();
            int[] winsTpe = new int[at.length];
            double[] pTpe = new double[at.length];
            for (int c = 0; c < at.length; c++) {
                List<Double> values = at(perSeed, at[c]);
                q[c] = Quartiles.of(values);
                Map<String, Object> m = new LinkedHashMap<>(q[c].toMap());
                m.put("values", values);
                byCount.put(String.valueOf(at[c]), m);
                if (optunaTpe != null) {
                    winsTpe[c] = wins(perSeed, optunaTpe, at[c]);
                    pTpe[c] = MannWhitney.pValue(values, at(optunaTpe, at[c]));
                    versusTpe.put(String.valueOf(at[c]), Map.of("wins", winsTpe[c], "mann_whitney_p", pTpe[c]));
                }
            }
            int winsRandom = wins(perSeed, reference, budget);
            r.put("best_after", byCount);
            r.put("seeds_better_than_" + referenceName, winsRandom);
            if (optunaTpe != null) {
                r.put("versus_" + OPTUNA_TPE, versusTpe);
            }
            bySampler.put(label, r);
            rows.add(new Row(problem.name(), label, q, label.equals(referenceName) ? "" : winsRandom + "/" + perSeed.size(),
                    optunaTpe == null || label.equals(OPTUNA_TPE) ? null : winsTpe, pTpe, perSeed.size()));
        });
        result.put("samplers", bySampler);
        return result;
    }

    /** On how many seeds {@code a}'s best after {@code trials} is strictly below {@code b}'s. */
    private static int wins(List<double[]> a, List<double[]> b, int trials) {
        int wins = 0;
        for (int s = 0; s < Math.min(a.size(), b.size()); s++) {
            if (a.get(s)[trials - 1] < b.get(s)[trials - 1]) {
                wins++;
            }
        }
        return wins;
    }

    private static List<Double> at(List<double[]> perSeed, int trials) {
        return perSeed.stream().map(c -> c[trials - 1]).toList();
    }

    /**
     * Per sampler, the geometric mean over problems of its median best value divided by the first
     * sampler's (below 1 is better than the first sampler).
     */
    private static String summary(List<Row> rows) {
        String reference = rows.get(0).sampler();
        Map<String, Double> logRatio = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        Map<String, Double> referenceMedian = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.sampler().equals(reference)) {
                referenceMedian.put(r.problem(), r.quartiles()[2].median());
            }
        }
        for (Row r : rows) {
            double ratio = (r.quartiles()[2].median() + 1e-12) / (referenceMedian.get(r.problem()) + 1e-12);
            logRatio.merge(r.sampler(), Math.log(ratio), Double::sum);
            count.merge(r.sampler(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder("geometric mean over problems of median best at the full budget / " + reference + "'s:\n");
        logRatio.forEach((sampler, sum) -> sb.append(String.format(Locale.ROOT, "  %-40s %.3f%n", sampler,
                Math.exp(sum / count.get(sampler)))));
        return sb.toString();
    }

    private static String table(List<Row> rows, int budget, int seeds, boolean withOptuna) {
        int width = Math.max(7, rows.stream().mapToInt(r -> r.sampler().length()).max().orElse(7));
        int[] at = checkpoints(budget);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "best value found (lower is better, optimum 0), %d seeds: median [q1, q3] after N trials;%n", seeds));
        sb.append("wins: seeds on which the sampler beats the first one");
        sb.append(withOptuna ? "; vs " + OPTUNA_TPE + ": seeds it beats Optuna's TPE on, and the Mann-Whitney p-value\n" : "\n");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s %-" + width + "s", "problem", "sampler"));
        for (int n : at) {
            header.append(String.format(Locale.ROOT, " %-27s", "@" + n));
        }
        header.append(String.format(Locale.ROOT, " %6s", "wins"));
        if (withOptuna) {
            for (int n : at) {
                header.append(String.format(Locale.ROOT, " %-13s", "vsTPE@" + n));
            }
        }
        sb.append(header).append('\n');
        for (Row r : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s %-" + width + "s", r.problem(), r.sampler()));
            for (Quartiles q : r.quartiles()) {
                line.append(String.format(Locale.ROOT, " %-27s", String.format(Locale.ROOT, "%.4g [%.3g, %.3g]", q.median(), q.q1(), q.q3())));
            }
            line.append(String.format(Locale.ROOT, " %6s", r.wins()));
            if (withOptuna && r.winsTpe() != null) {
                for (int c = 0; c < at.length; c++) {
                    line.append(String.format(Locale.ROOT, " %-13s", String.format(Locale.ROOT, "%d/%d p=%.2f", r.winsTpe()[c], r.seeds(), r.pTpe()[c])));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private record Row(String problem, String sampler, Quartiles[] quartiles, String wins, int[] winsTpe, double[] pTpe,
                       int seeds) {
    }

    /** A sampler from {@code type key=value ...}, built by the study files' factory (so settings are validated there). */
    static Supplier<Sampler> parseSampler(String spec) {
        ComponentSpec component = Configuration.component(spec, Map.of());
        Samplers.fromSettings(component.type(), component.settings());
        return () -> Samplers.fromSettings(component.type(), component.settings());
    }

    private static List<Problem> selectProblems(String names) {
        List<Problem> selected = new ArrayList<>();
        for (String name : names.split(",")) {
            selected.add(Problems.all().stream().filter(p -> p.name().equals(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--problems: unknown problem '" + name + "'; expected some of "
                            + Problems.all().stream().map(Problem::name).toList())));
        }
        return selected;
    }
}
