package io.hpo4j.bench;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Provenance;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.sampler.Proposal;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * {@code bench/run sampler-cost}: how long each sampler takes to propose a trial as a study
 * grows, in memory: one study of {@code --trials} trials on the synthetic MLP problem (8
 * parameters), each reporting a 10-step learning curve (so the multi-fidelity sampler has
 * budgets to choose from), timing only the sampler's {@code sample} call in CPU time of the
 * calling thread (so other load on a shared machine does not count). Prints the median
 * milliseconds per proposal in windows of 100 trials. Writes {@code sampler-cost.json}.
 */
final class SamplerCostBenchmark implements Benchmark {

    @Override
    public String name() {
        return "sampler-cost";
    }

    @Override
    public String description() {
        return "milliseconds per proposal as a study grows to 1000 trials, in memory";
    }

    @Override
    public String usage() {
        return """
                options:
                  --trials N      trials per study (default 1000)
                  --sampler SPEC  repeatable (default: %s)
                  --seed N        the study's seed (default 0)
                """.formatted(SamplerBenchmark.DEFAULT_SAMPLERS);
    }

    @Override
    public void run(List<String> args, Path resultsDir) throws Exception {
        int trials = 1000;
        long seed = 0;
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String value = i + 1 < args.size() ? args.get(++i) : null;
            if (value == null) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            switch (option) {
                case "--trials" -> trials = OptionValues.positive(option, value);
                case "--sampler" -> specs.add(value.trim());
                case "--seed" -> seed = OptionValues.nonNegative(option, value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + usage());
            }
        }
        if (specs.isEmpty()) {
            specs = SamplerBenchmark.DEFAULT_SAMPLERS;
        }
        Problem problem = Problems.syntheticMlp();
        int windows = (trials + 99) / 100;
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (String spec : specs) {
            Timed sampler = new Timed(SamplerBenchmark.parseSampler(spec).get(), trials);
            Study study = Study.builder("cost").storage(new InMemoryStorage()).direction(Direction.MINIMIZE)
                    .searchSpace(problem.space()).sampler(sampler).seed(seed).build();
            study.optimize(trial -> {
                double value = problem.evaluate(trial.suggestAll());
                for (int step = 0; step < 10; step++) {
                    trial.report(step, value + 1.0 / (step + 1));
                }
                return value;
            }, trials);
            double[] m = new double[windows];
            for (int w = 0; w < windows; w++) {
                double[] window = Arrays.copyOfRange(sampler.nanos, w * 100, Math.min(trials, (w + 1) * 100));
                Arrays.sort(window);
                m[w] = window[window.length / 2] / 1e6;
            }
            medians.put(spec, m);
        }
        StringBuilder sb = new StringBuilder("median CPU milliseconds per proposal (sampler only, reading the trials included), by trials already in the study\n");
        sb.append(String.format(Locale.ROOT, "%-24s", "sampler"));
        for (int w = 0; w < windows; w++) {
            sb.append(String.format(Locale.ROOT, " %8s", w * 100 + "-"));
        }
        sb.append('\n');
        medians.forEach((spec, m) -> {
            sb.append(String.format(Locale.ROOT, "%-24s", spec));
            for (double v : m) {
                sb.append(String.format(Locale.ROOT, " %8.3f", v));
            }
            sb.append('\n');
        });
        System.out.print(sb);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", name());
        json.put("created", Instant.now().toString());
        json.put("trials", trials);
        json.put("problem", problem.name());
        Map<String, Object> bySampler = new LinkedHashMap<>();
        medians.forEach((spec, m) -> bySampler.put(spec, Arrays.stream(m).boxed().toList()));
        json.put("median_ms_per_100_trials", bySampler);
        json.put("runtime", Provenance.runtime());
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve("sampler-cost.json");
        Files.writeString(file, Json.write(json) + "\n");
        System.out.println("wrote " + file);
    }

    /** Times each call of the wrapped sampler, by trial number. */
    private static final class Timed implements Sampler {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final Sampler sampler;
        private final double[] nanos;

        Timed(Sampler sampler, int trials) {
            this.sampler = sampler;
            this.nanos = new double[trials];
        }

        @Override
        public Proposal sample(StudyView study, FrozenTrial trial, SearchSpace space, RandomGenerator random) {
            long start = THREADS.getCurrentThreadCpuTime();
            Proposal p = sampler.sample(study, trial, space, random);
            nanos[trial.number()] = THREADS.getCurrentThreadCpuTime() - start;
            return p;
        }

        @Override
        public Map<String, Object> describe() {
            return sampler.describe();
        }
    }
}
