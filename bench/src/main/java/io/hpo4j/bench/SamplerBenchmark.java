package io.hpo4j.bench;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Provenance;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.sampler.genetic.GeneticSettings;
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
 * trials and a fixed list of seeds, and reports the quartiles of the best value found (lower is
 * better; every problem's optimum is 0), at the full budget and at a quarter and a half of it,
 * and how many seeds each sampler beats random on. Writes {@code samplers.json}.
 */
final class SamplerBenchmark implements Benchmark {

    private static final String GENETIC = "genetic";

    @Override
    public String name() {
        return "samplers";
    }

    @Override
    public String description() {
        return "random vs genetic sampler on mixed-space test functions (best value at a budget, over seeds)";
    }

    @Override
    public String usage() {
        return """
                options:
                  --budget N          trials per study (default 100)
                  --seeds N           how many seeds (default 20)
                  --first-seed N      seeds N..N+seeds-1 (default 0); tune on other seeds than you report
                  --problems a,b,...  subset of %s (default all)
                  --sampler SPEC      a sampler to compare, repeatable (default: random and genetic).
                                      SPEC is 'random', 'genetic', or 'genetic' followed by settings,
                                      e.g. 'genetic population=16 elites=4 mutation_rate=0.2'
                  --out FILE          JSON file name in the results directory (default samplers.json)
                """.formatted(Problems.all().stream().map(Problem::name).toList());
    }

    @Override
    public void run(List<String> args, Path resultsDir) throws Exception {
        int budget = 100;
        int seeds = 20;
        int firstSeed = 0;
        List<Problem> problems = Problems.all();
        List<String> specs = new ArrayList<>();
        String out = "samplers.json";
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
                case "--out" -> out = value;
                default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + usage());
            }
        }
        if (specs.isEmpty()) {
            specs = List.of("random", GENETIC);
        }
        Map<String, Supplier<Sampler>> samplers = new LinkedHashMap<>();
        for (String spec : specs) {
            samplers.put(spec, parseSampler(spec));
        }

        long started = System.nanoTime();
        List<Map<String, Object>> problemResults = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (Problem problem : problems) {
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            for (Map.Entry<String, Supplier<Sampler>> s : samplers.entrySet()) {
                List<double[]> perSeed = new ArrayList<>();
                for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
                    perSeed.add(bestSoFar(problem, s.getValue().get(), seed, budget));
                }
                curves.put(s.getKey(), perSeed);
            }
            problemResults.add(summarize(problem, curves, budget, rows));
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.println(table(rows, budget, seeds));
        System.out.println(summary(rows));
        System.out.printf(Locale.ROOT, "%d problems x %d samplers x %d seeds x %d trials in %.1f s%n",
                problems.size(), samplers.size(), seeds, budget, seconds);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", name());
        json.put("created", Instant.now().toString());
        json.put("budget", budget);
        json.put("seeds", seeds);
        json.put("first_seed", firstSeed);
        Map<String, Object> described = new LinkedHashMap<>();
        samplers.forEach((label, s) -> described.put(label, s.get().describe()));
        json.put("samplers", described);
        json.put("problems", problemResults);
        json.put("runtime", Provenance.runtime());
        json.put("seconds", seconds);
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

    private static Map<String, Object> summarize(Problem problem, Map<String, List<double[]>> curves, int budget,
                                                 List<Row> rows) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", problem.name());
        result.put("description", problem.description());
        result.put("optimum", problem.optimum());
        List<double[]> reference = curves.values().iterator().next();
        String referenceName = curves.keySet().iterator().next();
        Map<String, Object> bySampler = new LinkedHashMap<>();
        curves.forEach((label, perSeed) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            List<Double> finalBest = at(perSeed, budget);
            Quartiles q = Quartiles.of(finalBest);
            Quartiles quarter = Quartiles.of(at(perSeed, Math.max(1, budget / 4)));
            Quartiles half = Quartiles.of(at(perSeed, Math.max(1, budget / 2)));
            int wins = 0;
            for (int s = 0; s < perSeed.size(); s++) {
                if (perSeed.get(s)[budget - 1] < reference.get(s)[budget - 1]) {
                    wins++;
                }
            }
            r.put("best", finalBest);
            r.put("best_at_budget", q.toMap());
            r.put("best_at_quarter", quarter.toMap());
            r.put("best_at_half", half.toMap());
            r.put("seeds_better_than_" + referenceName, wins);
            bySampler.put(label, r);
            rows.add(new Row(problem.name(), label, q, quarter.median(), half.median(),
                    label.equals(referenceName) ? "" : wins + "/" + perSeed.size()));
        });
        result.put("samplers", bySampler);
        return result;
    }

    private static List<Double> at(List<double[]> perSeed, int trials) {
        return perSeed.stream().map(c -> c[trials - 1]).toList();
    }

    /**
     * Per sampler, the geometric mean over problems of its median best value divided by the first
     * sampler's (below 1 is better than the first sampler), and its total wins.
     */
    private static String summary(List<Row> rows) {
        String reference = rows.get(0).sampler();
        Map<String, Double> logRatio = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        Map<String, Double> referenceMedian = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.sampler().equals(reference)) {
                referenceMedian.put(r.problem(), r.atBudget().median());
            }
        }
        for (Row r : rows) {
            double ratio = (r.atBudget().median() + 1e-12) / (referenceMedian.get(r.problem()) + 1e-12);
            logRatio.merge(r.sampler(), Math.log(ratio), Double::sum);
            count.merge(r.sampler(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder("geometric mean over problems of median best / " + reference + "'s:\n");
        logRatio.forEach((sampler, sum) -> sb.append(String.format(Locale.ROOT, "  %-40s %.3f%n", sampler,
                Math.exp(sum / count.get(sampler)))));
        return sb.toString();
    }

    private static String table(List<Row> rows, int budget, int seeds) {
        int width = Math.max(7, rows.stream().mapToInt(r -> r.sampler().length()).max().orElse(7));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "best value found (lower is better, optimum 0), %d seeds%n", seeds));
        String header = "%-14s %-" + width + "s %10s %10s %10s %10s %10s %8s%n";
        sb.append(String.format(Locale.ROOT, header, "problem", "sampler", "median@" + budget, "q1", "q3",
                "med@" + Math.max(1, budget / 4), "med@" + Math.max(1, budget / 2), "wins"));
        String line = "%-14s %-" + width + "s %10.4g %10.4g %10.4g %10.4g %10.4g %8s%n";
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, line, r.problem(), r.sampler(), r.atBudget().median(),
                    r.atBudget().q1(), r.atBudget().q3(), r.atQuarter(), r.atHalf(), r.wins()));
        }
        return sb.toString();
    }

    private record Row(String problem, String sampler, Quartiles atBudget, double atQuarter, double atHalf,
                       String wins) {
    }

    private static Supplier<Sampler> parseSampler(String spec) {
        String[] words = spec.split("\\s+");
        if (words[0].equals("random") && words.length == 1) {
            return Samplers::random;
        }
        if (!words[0].equals(GENETIC)) {
            throw new IllegalArgumentException("--sampler must be 'random' or 'genetic [key=value ...]', but got '" + spec + "'");
        }
        GeneticSettings.Builder builder = GeneticSettings.builder();
        for (int i = 1; i < words.length; i++) {
            String[] kv = words[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--sampler setting must be key=value, but got '" + words[i] + "'");
            }
            switch (kv[0]) {
                case "population" -> builder.population(Integer.parseInt(kv[1]));
                case "tournament_size" -> builder.tournamentSize(Integer.parseInt(kv[1]));
                case "elites" -> builder.elites(Integer.parseInt(kv[1]));
                case "crossover_rate" -> builder.crossoverRate(Double.parseDouble(kv[1]));
                case "mutation_rate" -> builder.mutationRate(Double.parseDouble(kv[1]));
                case "mutation_scale" -> builder.mutationScale(Double.parseDouble(kv[1]));
                default -> throw new IllegalArgumentException("unknown genetic setting '" + kv[0]
                        + "'; expected one of " + GeneticSettings.defaults().toMap().keySet());
            }
        }
        GeneticSettings settings = builder.build();
        return () -> Samplers.genetic(settings);
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
